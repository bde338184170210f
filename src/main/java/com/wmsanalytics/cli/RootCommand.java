package com.wmsanalytics.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "wms-analytics",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Keeps PostgreSQL analytics views fresh on a logical replica of a WMS.",
        subcommands = {MigrateCommand.class, GenerateCommand.class, SetupCommand.class, RefreshCommand.class, StatusCommand.class,
                HistoryCommand.class, ViewsCommand.class, VerifyCommand.class, JobsCommand.class, RunCommand.class, DemoCommand.class})
public final class RootCommand implements Runnable {

    private final CliContext context;

    @Spec CommandSpec spec;

    public RootCommand(CliContext context) {
        this.context = context;
    }

    CliContext context() {
        return context;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required (see 'wms-analytics --help')");
    }
}
