package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the subcommand a command line names is built; anything else gets all of them, in order. */
class RootCommandTest {

    private static final List<String> ALL = List.of(
            "migrate",
            "generate",
            "setup",
            "refresh",
            "status",
            "history",
            "views",
            "verify",
            "jobs",
            "backup",
            "run",
            "demo");

    private final StringWriter out = new StringWriter();
    private final CliContext context = new CliContext(
            Map.of(),
            Clock.systemUTC(),
            new Terminal(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), false));

    @Test
    void a_named_subcommand_is_the_only_one_built() {
        assertEquals(List.of("status"), subcommands("status", "--json"));
        assertEquals(List.of("history"), subcommands("history", "--view", "run"));
    }

    @Test
    void help_no_command_and_a_mistyped_one_get_every_subcommand_in_order() {
        assertEquals(ALL, subcommands("--help"));
        assertEquals(ALL, subcommands());
        assertEquals(ALL, subcommands("stauts"));
    }

    @Test
    void the_top_level_help_lists_every_command() {
        assertEquals(0, Main.execute(new String[] {"--help"}, context));

        List<String> listed = out.toString()
                .lines()
                .filter(l -> l.matches("^  [a-z]+ .*"))
                .map(l -> l.trim().split(" ")[0])
                .toList();
        assertEquals(ALL, listed, out.toString());
    }

    private List<String> subcommands(String... args) {
        return List.copyOf(
                RootCommand.commandLine(context, args).getSubcommands().keySet());
    }
}
