package com.wmsanalytics.cli;

import com.wmsanalytics.backup.BackupResult;
import com.wmsanalytics.service.WmsAnalytics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Dumps the control and report schemas of the replica with pg_dump.",
            "",
            "Writes a new directory named by its UTC time under DIR: the dump of the analytics_control schema,"
                    + " the report schemas and the structure of the replicated tables (pg_dump's directory format,"
                    + " compressed), and a manifest.json with the tool's and the replica's migration version and each"
                    + " report's data as of. The manifest is written last and the directory renamed into place, so a"
                    + " failed backup leaves nothing that looks complete. Then the backups under DIR older than"
                    + " backup.retention are deleted. pg_dump comes from the PATH and must not be older than the"
                    + " server."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the backup was written",
            "1:pg_dump failed, or the backup could not be written",
            "2:bad usage or configuration",
            "5:the replica cannot be reached",
            "9:pg_dump is missing or older than the server; nothing was written"
        })
final class BackupCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Mixin
    CommonOptions options;

    @Option(
            names = "--to",
            paramLabel = "DIR",
            required = true,
            description = "The directory that holds the backups; created if missing.")
    Path to;

    @Override
    public Integer call() {
        Terminal terminal = root.context().terminal();
        try (WmsAnalytics app = root.context().open(options)) {
            BackupResult result = app.backup(to, root.context().environment().get("PATH"));
            terminal.println("backup written: " + result.directory() + " (migration version "
                    + result.manifest().migrationVersion() + ", "
                    + result.manifest().reports().size()
                    + " reports, pg_dump " + result.manifest().pgDumpVersion() + ")");
            result.deleted().forEach(d -> terminal.println("deleted the old backup " + d));
            return 0;
        }
    }
}
