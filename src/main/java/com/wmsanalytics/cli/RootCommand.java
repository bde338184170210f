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
        description = {
            "Keeps PostgreSQL analytics views fresh on a logical replica of a WMS.",
            "",
            "A refresh runs only once the replica has caught up with every WMS primary, as of the moment it was"
                    + " asked for. The date-bucketed reports are recomputed where they changed, the others are"
                    + " materialized views refreshed in dependency order, and each run is recorded with who asked"
                    + " for it and the data-as-of time its reports show. Every command takes --help, and"
                    + " wms-analytics-COMMAND(1) is its manual page."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:a view failed to refresh, a migration failed, or verify found a bucket that differs",
            "2:usage or configuration error; nothing was changed",
            "3:the replica did not catch up; nothing was refreshed",
            "4:another refresh of the same view holds its lock",
            "5:a server cannot be reached, or it refused the login",
            "6:a server is not fit for logical replication; nothing was changed",
            "7:the replica is a standby (in recovery); nothing was written",
            "8:a subscription skipped transactions after a promotion; run setup --resync",
            "9:backup: pg_dump is missing or older than the server; nothing was written",
            "70:an unexpected internal error (run with --verbose and report it)"
        })
public final class RootCommand implements Runnable {

    /** The subcommands, in the order the usage help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            MigrateCommand.class,
            GenerateCommand.class,
            SetupCommand.class,
            RefreshCommand.class,
            StatusCommand.class,
            HistoryCommand.class,
            ViewsCommand.class,
            VerifyCommand.class,
            JobsCommand.class,
            BackupCommand.class,
            RunCommand.class,
            DemoCommand.class);

    private final CliContext context;

    @Spec
    CommandSpec spec;

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
                .filter(c ->
                        args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0]))
                .toList();
        (named.isEmpty() ? SUBCOMMANDS : named).forEach(commandLine::addSubcommand);
        return HelpLayout.apply(commandLine);
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
