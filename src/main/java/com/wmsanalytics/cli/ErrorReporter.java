package com.wmsanalytics.cli;

import static com.wmsanalytics.db.ErrorMessages.serverMessage;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.db.SqlStates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns an error into one line on stderr and an exit code. A stack trace is shown only with
 * {@code --verbose}; an unexpected error says so and asks for it.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private static final Pattern PICOCLI_PREFIX = Pattern.compile("^Error: ");

    private final Terminal terminal;

    ErrorReporter(Terminal terminal) {
        this.terminal = terminal;
    }

    /**
     * A mistake on the command line: picocli's message (without the "Error: " it starts some
     * with), its suggestions for a mistyped name, and where the usage is.
     */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        terminal.error("error: " + PICOCLI_PREFIX.matcher(e.getMessage()).replaceFirst("") + suggestions(e) + " (see '"
                + command + " --help')");
        return ExitCode.USAGE.code();
    }

    private static String suggestions(ParameterException e) {
        List<String> suggestions = e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
        return suggestions.isEmpty()
                ? ""
                : "; did you mean "
                        + String.join(
                                " or ",
                                suggestions.stream()
                                        .limit(3)
                                        .map(s -> "'" + s + "'")
                                        .toList()) + "?";
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
        if (verbose(parseResult)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            terminal.errorLines(trace.toString());
        }
        if (e instanceof WmsAnalyticsException known) {
            known.lines().forEach(line -> terminal.error("error: " + line));
            return known.exitCode().code();
        }
        if (SqlStates.isMissingObject(e)) {
            terminal.error("error: the replica lacks a table wms-analytics needs (" + serverMessage(e)
                    + "); run 'wms-analytics migrate' against it");
            return ExitCode.USAGE.code();
        }
        if (SqlStates.INSUFFICIENT_PRIVILEGE.equals(SqlStates.of(e))) {
            terminal.error("error: the configured role is not allowed to do this (" + serverMessage(e)
                    + "); see the roles and grants in the guide (Deployment on real servers)");
            return ExitCode.USAGE.code();
        }
        if (SqlStates.isConnectionFailure(e)) {
            terminal.error("error: lost the connection to a server: " + serverMessage(e));
            return ExitCode.CANNOT_CONNECT.code();
        }
        terminal.error("error: unexpected " + e.getClass().getSimpleName() + ": " + serverMessage(e)
                + (verbose(parseResult) ? "" : " (run with --verbose for details)"));
        return ExitCode.INTERNAL.code();
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
