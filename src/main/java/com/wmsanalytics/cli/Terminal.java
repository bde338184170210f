package com.wmsanalytics.cli;

import java.io.PrintWriter;

/**
 * Where a command writes: results to stdout, errors and progress to stderr. Progress
 * redraws one line, and only on a terminal, so piped output stays clean.
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

    public void println(String line) {
        endProgress();
        out.println(line);
        out.flush();
    }

    public void error(String line) {
        endProgress();
        err.println(line);
        err.flush();
    }

    public void progress(String line) {
        if (interactive) {
            err.print("\r" + line + "\u001b[K");
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
