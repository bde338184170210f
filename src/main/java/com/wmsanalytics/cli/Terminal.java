package com.wmsanalytics.cli;

import com.wmsanalytics.text.ControlCharacters;
import java.io.PrintWriter;

/**
 * Where a command writes: results to stdout, errors and progress to stderr. Progress
 * redraws one line, and only on a terminal, so piped output stays clean. Every line is
 * printed with its control characters escaped ({@link ControlCharacters}), so that a name or
 * message from the user or a server can neither drive the terminal nor forge a line: a line
 * stays one line. Text of several lines by design, such as a JSON document, goes through
 * {@link #printLines}.
 */
public final class Terminal {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private boolean progressShown;

    public Terminal(PrintWriter out, PrintWriter err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Prints one line on stdout; a newline in it is shown as {@code \n}. */
    public void println(String line) {
        endProgress();
        out.println(ControlCharacters.escape(line));
        out.flush();
    }

    /** Prints each line of {@code text} on stdout, as {@link #println} does. */
    public void printLines(String text) {
        text.lines().forEach(this::println);
    }

    /** Prints one line on stderr; a newline in it is shown as {@code \n}. */
    public void error(String line) {
        endProgress();
        err.println(ControlCharacters.escape(line));
        err.flush();
    }

    /** Prints each line of {@code text} on stderr, as {@link #error} does. */
    public void errorLines(String text) {
        text.lines().forEach(this::error);
    }

    public void progress(String line) {
        if (interactive) {
            err.print("\r" + ControlCharacters.escape(line) + "\u001b[K");
            err.flush();
            progressShown = true;
        }
    }

    public void endProgress() {
        if (progressShown) {
            err.print("\r\u001b[K");
            err.flush();
            progressShown = false;
        }
    }
}
