package com.wmsanalytics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How every command's --help is laid out: picocli wraps the text to the terminal's width (80
 * columns when it cannot tell), and each list has a heading after a blank line. The first
 * description line of a command is its one-line summary: the list of commands shows it, and
 * so does the NAME line of its man page.
 */
final class HelpLayout {

    private HelpLayout() {}

    /** Lays out {@code commandLine} and every subcommand it has now. */
    static CommandLine apply(CommandLine commandLine) {
        commandLine.setUsageHelpAutoWidth(true);
        headings(commandLine);
        return commandLine;
    }

    private static void headings(CommandLine commandLine) {
        UsageMessageSpec usage = commandLine.getCommandSpec().usageMessage();
        usage.parameterListHeading("%nArguments:%n")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n");
        commandLine.getSubcommands().values().forEach(HelpLayout::headings);
    }
}
