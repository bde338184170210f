package com.wmsanalytics.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.wmsanalytics.db.JooqWarmup;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The program's entry point. */
public final class Main {

    /** The commands that query through jOOQ and end soon: they start its initialization at once. */
    private static final Set<String> QUERYING =
            Set.of("status", "views", "history", "refresh", "jobs", "verify", "setup");

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        routeJavaLogging();
        Arrays.stream(args)
                .filter(a -> !a.startsWith("-"))
                .findFirst()
                .filter(QUERYING::contains)
                .ifPresent(command -> JooqWarmup.start());
        Terminal terminal = new Terminal(
                new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null);
        System.exit(execute(args, new CliContext(System.getenv(), Clock.systemUTC(), terminal)));
    }

    /**
     * The PostgreSQL driver logs through java.util.logging, whose console handler would print its
     * warnings with their stack traces (a connection cut while the replica stops, say) beside
     * the program's own one-line messages. They go through logback instead, in its pattern: one
     * line, the stack trace only with --verbose.
     */
    static void routeJavaLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** Runs one command line and returns its exit code. Tests call this directly. */
    public static int execute(String[] args, CliContext context) {
        setLogLevels(
                Arrays.asList(args).contains("--verbose"), Arrays.asList(args).contains("run"));
        ErrorReporter errors = new ErrorReporter(context.terminal());
        return RootCommand.commandLine(context, args)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setOut(context.terminal().out())
                .setErr(context.terminal().err())
                .execute(args);
    }

    /**
     * Commands log warnings only, so stdout and stderr stay readable; the service logs what it
     * does; --verbose logs details. A logging configuration given with
     * -Dlogback.configurationFile (as the systemd unit does) is left as it is.
     */
    private static void setLogLevels(boolean verbose, boolean service) {
        if (System.getProperty("logback.configurationFile") != null) {
            return;
        }
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(verbose ? Level.INFO : Level.WARN);
            logback.getLogger("com.wmsanalytics").setLevel(verbose ? Level.DEBUG : service ? Level.INFO : Level.WARN);
        }
    }
}
