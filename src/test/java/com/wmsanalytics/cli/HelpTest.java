package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/** --help: a one-line summary per command, and paragraphs that picocli wraps to the width. */
class HelpTest {

    private final CommandLine commandLine = CliDocs.commandLine();

    @Test
    void the_command_list_shows_each_commands_one_line_summary_on_one_line() {
        List<String> listed = section(commandLine.getUsageMessage(Ansi.OFF), "Commands:");
        assertEquals(commandLine.getSubcommands().size(), listed.size(), String.join("\n", listed));
        for (Map.Entry<String, CommandLine> sub : commandLine.getSubcommands().entrySet()) {
            String summary = summary(sub.getValue());
            assertTrue(
                    listed.stream().anyMatch(l -> l.matches("  " + sub.getKey() + " +\\Q" + summary + "\\E")), summary);
        }
    }

    @Test
    void every_summary_is_one_sentence_that_fits_the_command_list() {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            String summary = summary(sub);
            assertTrue(summary.endsWith(".") && summary.indexOf(". ") < 0 && summary.length() <= 66, summary);
        }
    }

    @Test
    void every_description_paragraph_ends_a_sentence_instead_of_breaking_one() {
        for (CommandLine command : withSubcommands()) {
            for (String paragraph : command.getCommandSpec().usageMessage().description()) {
                assertTrue(paragraph.isEmpty() || paragraph.endsWith("."), command.getCommandName() + ": " + paragraph);
            }
        }
    }

    @Test
    void help_wraps_the_description_to_the_width_it_is_given() {
        CommandLine refresh = commandLine.getSubcommands().get("refresh");
        refresh.setUsageHelpAutoWidth(false);
        int narrow = longestLine(refresh.setUsageHelpWidth(80).getUsageMessage(Ansi.OFF));
        assertTrue(narrow > 70 && narrow <= 80, "longest line at 80 columns: " + narrow);
        int wide = longestLine(refresh.setUsageHelpWidth(140).getUsageMessage(Ansi.OFF));
        assertTrue(wide > 100 && wide <= 140, "longest line at 140 columns: " + wide);
    }

    private static String summary(CommandLine command) {
        return command.getCommandSpec().usageMessage().description()[0];
    }

    private List<CommandLine> withSubcommands() {
        List<CommandLine> all = new ArrayList<>(commandLine.getSubcommands().values());
        all.add(commandLine);
        return all;
    }

    private static int longestLine(String text) {
        return text.lines().mapToInt(String::length).max().orElse(0);
    }

    /** The lines under a heading of the help, up to the blank line that ends them. */
    private static List<String> section(String help, String heading) {
        List<String> lines = help.lines().toList();
        int start = lines.indexOf(heading) + 1;
        assertTrue(start > 0, help);
        int end = start;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        return lines.subList(start, end);
    }
}
