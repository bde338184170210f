package com.wmsanalytics.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Writes the man pages to {@code TARGET/man}, the bash completion to
 * {@code TARGET/completion/wms-analytics} and the user guide to {@code TARGET/guide/guide.html}, from the same picocli model that answers
 * {@code --help}, so they cannot drift from it. The build runs it before the jar is made:
 * {@code java com.wmsanalytics.cli.CliDocs TARGET VERSION}.
 */
public final class CliDocs {

    static final String NAME = "wms-analytics";

    private CliDocs() {}

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        CommandLine commandLine = commandLine();
        Path man = Files.createDirectories(target.resolve("man"));
        removePages(man);
        try (ManPages pages = new ManPages(args[1])) {
            for (ManPages.Page page : pages.of(commandLine.getCommandSpec())) {
                Files.writeString(man.resolve(page.fileName()), page.troff());
            }
        }
        Path completion = Files.createDirectories(target.resolve("completion"));
        Files.writeString(completion.resolve(NAME), completion(commandLine));
        GuideRenderer.render(target.toAbsolutePath().getParent(), target);
    }

    /** The pages of an earlier build, so that a removed or renamed command leaves no page behind. */
    private static void removePages(Path man) throws IOException {
        try (DirectoryStream<Path> pages = Files.newDirectoryStream(man, "*.1")) {
            for (Path page : pages) {
                Files.delete(page);
            }
        }
    }

    /** The whole command line, every subcommand included, as {@code wms-analytics --help} sees it. */
    static CommandLine commandLine() {
        Terminal silent =
                new Terminal(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()), false);
        return RootCommand.commandLine(new CliContext(Map.of(), Clock.systemUTC(), silent), new String[0]);
    }

    static String completion(CommandLine commandLine) {
        return AutoComplete.bash(NAME, commandLine);
    }
}
