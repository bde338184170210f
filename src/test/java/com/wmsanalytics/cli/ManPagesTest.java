package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The man pages the build ships: one per command, the options of its --help, and troff that man renders cleanly. */
class ManPagesTest {

    private static final Pattern HELP_OPTION = Pattern.compile("^ {1,6}(-[\\w-]+)(?:, (--[\\w-]+))?");
    private static final Pattern PAGE_OPTION = Pattern.compile("\\\\fB((?:\\\\-)+[\\w\\\\-]+)\\\\fP");

    private static final CommandLine COMMAND_LINE = CliDocs.commandLine();
    private static Map<String, String> pages;

    /**
     * The pages the build wrote to {@code target/man} before the tests ran (CliDocs, in the
     * process-test-classes phase): the pages the package ships, rendered once per build.
     */
    @BeforeAll
    static void read_the_built_pages() throws IOException {
        Path dir = Path.of(System.getProperty("wms.test.man-dir", "target/man"));
        try (Stream<Path> files = Files.list(dir)) {
            pages = files.filter(f -> f.getFileName().toString().endsWith(".1"))
                    .collect(Collectors.toMap(f -> f.getFileName().toString(), ManPagesTest::read));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void every_command_and_subcommand_has_a_page_named_after_it() {
        assertEquals(
                Set.of(
                        "wms-analytics.1",
                        "wms-analytics-migrate.1",
                        "wms-analytics-generate.1",
                        "wms-analytics-setup.1",
                        "wms-analytics-refresh.1",
                        "wms-analytics-status.1",
                        "wms-analytics-history.1",
                        "wms-analytics-views.1",
                        "wms-analytics-verify.1",
                        "wms-analytics-jobs.1",
                        "wms-analytics-backup.1",
                        "wms-analytics-run.1",
                        "wms-analytics-demo.1"),
                pages.keySet());
        assertEquals(
                pages.keySet(),
                commands(COMMAND_LINE).stream()
                        .map(c -> c.getCommandSpec().qualifiedName("-") + ".1")
                        .collect(Collectors.toSet()));
    }

    @Test
    void each_page_documents_exactly_the_options_of_its_help() {
        for (CommandLine command : commands(COMMAND_LINE)) {
            String page = pages.get(command.getCommandSpec().qualifiedName("-") + ".1");
            assertEquals(
                    helpOptions(command.getUsageMessage(CommandLine.Help.Ansi.OFF)),
                    pageOptions(page),
                    command.getCommandName());
        }
    }

    @Test
    void the_name_line_of_a_page_is_the_commands_one_line_summary() {
        CommandLine refresh = COMMAND_LINE.getSubcommands().get("refresh");
        String name = section(pages.get("wms-analytics-refresh.1"), "NAME");
        assertEquals(
                "wms-analytics-refresh \\- "
                        + refresh.getCommandSpec()
                                .usageMessage()
                                .description()[0]
                                .replace("-", "\\-"),
                name.strip());
    }

    @Test
    void the_footer_names_the_release() {
        String release = System.getProperty("wms.test.version").replace("-", "\\-");
        assertTrue(
                pages.get("wms-analytics.1").contains("\"wms\\-analytics " + release + "\""),
                pages.get("wms-analytics.1"));
    }

    @Test
    void man_renders_every_page_without_a_warning(@TempDir Path dir) throws IOException, InterruptedException {
        for (Map.Entry<String, String> page : pages.entrySet()) {
            assertEquals("", man(dir, page.getKey(), "80").warnings(), page.getKey());
        }
    }

    /** AsciiDoc markup in a description (a '*', an '_', a '{') would change the text the page shows. */
    @Test
    void each_page_shows_the_descriptions_of_its_help_word_for_word(@TempDir Path dir)
            throws IOException, InterruptedException {
        for (CommandLine command : commands(COMMAND_LINE)) {
            String file = command.getCommandSpec().qualifiedName("-") + ".1";
            String shown = normalized(man(dir, file, "10000").text());
            List<String> texts = new ArrayList<>(
                    List.of(command.getCommandSpec().usageMessage().description()));
            command.getCommandSpec().options().forEach(o -> texts.add(String.join(" ", o.description())));
            for (String text : texts) {
                String expected = normalized(
                        CommandLine.Help.Ansi.OFF.string(String.format(text)).replace("${DEFAULT-VALUE}", ""));
                assertTrue(shown.contains(expected.split("\\(default: ")[0]), file + " lacks: " + expected);
            }
        }
    }

    private record Rendered(String text, String warnings) {}

    private static Rendered man(Path dir, String page, String width) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/man")), "man is not installed: install man-db");
        Path file = Files.writeString(dir.resolve(page), pages.get(page));
        ProcessBuilder man = new ProcessBuilder("man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", file.toString());
        man.environment().putAll(Map.of("MANWIDTH", width, "LC_ALL", "C.UTF-8", "MAN_KEEP_FORMATTING", "0"));
        Process process = man.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String warnings = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), page + ": " + warnings);
        return new Rendered(text, warnings);
    }

    /** One space for any run of white space, and the typographic apostrophe Asciidoctor puts in as a plain one. */
    private static String normalized(String text) {
        return text.replace('\u2019', '\'').replaceAll("\\s+", " ").strip();
    }

    /** The command and every subcommand below it. */
    private static List<CommandLine> commands(CommandLine command) {
        List<CommandLine> all = new ArrayList<>(List.of(command));
        command.getSubcommands().values().forEach(sub -> all.addAll(commands(sub)));
        return all;
    }

    /** The option names of a --help: each option's line starts within the first columns, its description's lines do not. */
    private static Set<String> helpOptions(String help) {
        Set<String> names = new TreeSet<>();
        help.lines().map(HELP_OPTION::matcher).filter(Matcher::find).forEach(m -> {
            names.add(m.group(1));
            if (m.group(2) != null) {
                names.add(m.group(2));
            }
        });
        return names;
    }

    /** The option names of a page's OPTIONS section, in bold at the start of a line, with troff's {@code \-} as a hyphen. */
    private static Set<String> pageOptions(String troff) {
        Set<String> names = new TreeSet<>();
        section(troff, "OPTIONS")
                .lines()
                .filter(l -> l.startsWith("\\fB"))
                .map(PAGE_OPTION::matcher)
                .forEach(m -> {
                    while (m.find()) {
                        names.add(m.group(1).replace("\\-", "-"));
                    }
                });
        return names;
    }

    /** The text of a {@code .SH} section, up to the next one. */
    private static String section(String troff, String title) {
        int start = troff.indexOf(".SH \"" + title + "\"\n");
        assertTrue(start >= 0, "no section " + title + " in\n" + troff);
        int body = troff.indexOf('\n', start) + 1;
        int end = troff.indexOf("\n.SH ", body);
        return troff.substring(body, end < 0 ? troff.length() : end + 1);
    }
}
