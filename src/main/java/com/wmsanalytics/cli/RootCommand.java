package com.wmsanalytics.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "wms-analytics",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Keeps PostgreSQL analytics views fresh on a logical replica of a WMS.")
public final class RootCommand implements Runnable {

    /** The subcommands, in the order the usage help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(MigrateCommand.class, GenerateCommand.class, SetupCommand.class,
            RefreshCommand.class, StatusCommand.class, HistoryCommand.class, ViewsCommand.class, VerifyCommand.class,
            JobsCommand.class, RunCommand.class, DemoCommand.class);

    private final CliContext context;

    @Spec CommandSpec spec;

    public RootCommand(CliContext context) {
        this.context = context;
    }

    /**
     * The command line for {@code args}. When the first argument names a subcommand, only that
     * one is built: picocli reads each subcommand's annotations by reflection, and for all eleven
     * that cost a one-shot command tens of milliseconds. Anything else (the top-level help, a
     * mistyped command) gets every subcommand, so help and suggestions are unchanged.
     */
    static CommandLine commandLine(CliContext context, String[] args) {
        CommandLine commandLine = new CommandLine(new RootCommand(context));
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0]))
                .toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(commandLine::addSubcommand);
        return commandLine;
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required (see 'wms-analytics --help')");
    }
}
