package com.wmsanalytics.testing;

import com.wmsanalytics.cli.CliContext;
import com.wmsanalytics.cli.Main;
import com.wmsanalytics.cli.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** One in-process run of the command line, with what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), false);
        int code = Main.execute(args, new CliContext(environment, Clock.systemUTC(), terminal));
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliRun of(String... args) {
        return of(Map.of(), args);
    }

    /** A run with {@code --config config} after the arguments. */
    public static CliRun withConfig(Path config, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return of(all);
    }

    public List<String> errLines() {
        return err.lines().toList();
    }
}
