package com.wmsanalytics.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The imports of one main-code package, for tests that keep the dependencies one way. */
public final class PackageImports {

    private final List<Path> sources;

    private PackageImports(List<Path> sources) {
        this.sources = sources;
    }

    /** The sources of {@code com.wmsanalytics.<name>} and its subpackages. */
    public static PackageImports of(String name) {
        Path dir = Path.of(System.getProperty("basedir", "."))
                .resolve("src/main/java/com/wmsanalytics")
                .resolve(name);
        try (Stream<Path> files = Files.walk(dir)) {
            return new PackageImports(
                    files.filter(f -> f.toString().endsWith(".java")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int sourceCount() {
        return sources.size();
    }

    /** {@code File.java: import ...} for every import of one of the packages. */
    public List<String> importsOf(List<String> packages) {
        return sources.stream()
                .flatMap(source -> lines(source)
                        .filter(line -> line.startsWith("import "))
                        .filter(line -> packages.stream().anyMatch(p -> line.contains(" " + p + ".")))
                        .map(line -> source.getFileName() + ": " + line))
                .toList();
    }

    private static Stream<String> lines(Path source) {
        try {
            return Files.readAllLines(source).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
