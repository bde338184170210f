package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import com.wmsanalytics.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The user guide cannot silently fall behind: it names every configuration key of
 * reference.conf, every command and option of the command line, and every exit code; the build
 * rendered it without a warning; and the README stays a front door.
 */
class GuideTest {

    private static final Path GUIDE =
            Path.of(System.getProperty("basedir", ".")).resolve("src/docs/guide");
    private static String text;

    @BeforeAll
    static void readGuide() throws IOException {
        try (Stream<Path> files = Files.list(GUIDE)) {
            text = files.filter(p -> p.toString().endsWith(".adoc"))
                    .sorted()
                    .map(GuideTest::read)
                    .collect(Collectors.joining("\n"));
        }
    }

    @Test
    void every_configuration_key_is_in_the_guide() {
        List<String> keys = new ArrayList<>();
        leaves(ConfigFactory.parseResources("reference.conf").root(), "", keys);
        assertTrue(keys.size() > 40, "the keys of reference.conf: " + keys);
        List<String> missing = keys.stream()
                .map(k -> k.substring("wms-analytics.".length()))
                .filter(k -> !documented(k))
                .toList();

        assertEquals(List.of(), missing, "keys of reference.conf the guide does not name");
    }

    @Test
    void every_command_and_option_is_in_the_guide() {
        List<String> missing = new ArrayList<>();
        CommandSpec root = CliDocs.commandLine().getCommandSpec();
        for (Map.Entry<String, CommandLine> sub : root.subcommands().entrySet()) {
            if (!text.contains("`" + sub.getKey())) {
                missing.add(sub.getKey());
            }
            for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
                if (!text.contains(option.longestName())) {
                    missing.add(sub.getKey() + " " + option.longestName());
                }
            }
        }

        assertEquals(List.of(), missing, "commands and options the guide does not name");
    }

    @Test
    void every_exit_code_has_its_row_in_the_guide() {
        List<Integer> missing = new ArrayList<>();
        for (ExitCode code : ExitCode.values()) {
            if (!Pattern.compile("(?m)^\\|" + code.code() + " \\|")
                    .matcher(text)
                    .find()) {
                missing.add(code.code());
            }
        }

        assertEquals(List.of(), missing, "exit codes without a row in the guide's table");
    }

    @Test
    void the_build_rendered_the_guide_with_every_chapter() throws IOException {
        Path page = Path.of(System.getProperty("basedir", ".")).resolve("target/guide/" + GuideRenderer.PAGE);
        String html = Files.readString(page);
        Matcher includes =
                Pattern.compile("(?m)^include::([a-z-]+)\\.adoc\\[\\]").matcher(read(GUIDE.resolve("index.adoc")));
        int chapters = 0;
        while (includes.find()) {
            String id = includes.group(1);
            assertTrue(html.contains("id=\"" + id + "\""), "the page has the chapter " + id);
            chapters++;
        }
        assertEquals(10, chapters, "the guide's chapters");
        assertTrue(html.contains("Troubleshooting"), "the troubleshooting chapter is rendered");
    }

    @Test
    void the_readme_is_a_front_door_with_the_two_commands_on_its_first_screen() throws IOException {
        List<String> readme =
                Files.readAllLines(Path.of(System.getProperty("basedir", ".")).resolve("README.md"));

        assertTrue(readme.size() <= 220, "README.md has " + readme.size() + " lines");
        String firstScreen = String.join("\n", readme.subList(0, 24));
        assertTrue(firstScreen.contains("bin/wms-analytics demo"), firstScreen);
        assertTrue(firstScreen.contains("mvn -B verify"), firstScreen);
    }

    private boolean documented(String key) {
        // A key under an object the guide documents as a whole (freshness.groups.daily) counts.
        if (named(key)) {
            return true;
        }
        String k = key;
        while (k.lastIndexOf('.') > k.indexOf('.')) {
            k = k.substring(0, k.lastIndexOf('.'));
            if (named(k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean named(String key) {
        return text.contains("`" + key + "`") || text.contains("`" + key + " ");
    }

    private static void leaves(ConfigObject object, String prefix, List<String> out) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (isObject(e.getValue()) && !((ConfigObject) e.getValue()).isEmpty()) {
                leaves((ConfigObject) e.getValue(), path, out);
            } else {
                out.add(path);
            }
        }
    }

    /** An optional substitution such as ${?WMS_REPLICA_PASSWORD} is a leaf, with no type until resolved. */
    private static boolean isObject(ConfigValue value) {
        try {
            return value.valueType() == ConfigValueType.OBJECT;
        } catch (com.typesafe.config.ConfigException.NotResolved e) {
            return false;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
