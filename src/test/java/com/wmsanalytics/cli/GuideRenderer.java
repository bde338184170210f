package com.wmsanalytics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.log.Severity;

/**
 * Renders the user guide, {@code src/docs/guide/index.adoc} and the chapters it includes, to one
 * HTML page, {@code TARGET/guide/guide.html}, which the Debian package installs under
 * {@code /usr/share/doc/wms-analytics/}. A warning of Asciidoctor (a missing include, a
 * reference to a section that does not exist, a broken table) fails the build.
 */
final class GuideRenderer {

    static final Path SOURCE = Path.of("src", "docs", "guide", "index.adoc");
    static final String PAGE = "guide.html";

    private GuideRenderer() {}

    /** Writes the page; returns it. */
    static Path render(Path basedir, Path target) throws java.io.IOException {
        Path out = Files.createDirectories(target.resolve("guide"));
        List<String> problems = new ArrayList<>();
        try (Asciidoctor asciidoctor = Asciidoctor.Factory.create()) {
            asciidoctor.registerLogHandler(record -> {
                if (record.getSeverity().ordinal() >= Severity.WARN.ordinal()
                        || record.getMessage().contains("possible invalid reference")) {
                    problems.add(record.getSeverity() + " "
                            + (record.getCursor() == null
                                    ? ""
                                    : record.getCursor().getFile() + ":"
                                            + record.getCursor().getLineNumber() + ": ")
                            + record.getMessage());
                }
            });
            asciidoctor.convertFile(
                    basedir.resolve(SOURCE).toFile(),
                    Options.builder()
                            .toFile(out.resolve(PAGE).toFile())
                            .safe(SafeMode.UNSAFE)
                            .standalone(true)
                            .option("verbose", true)
                            .build());
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the guide has problems:\n" + String.join("\n", problems));
        }
        return out.resolve(PAGE);
    }
}
