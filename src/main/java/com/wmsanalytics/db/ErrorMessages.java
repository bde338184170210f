package com.wmsanalytics.db;

import java.sql.SQLException;

/** Error messages shortened to the one line a user sees. */
public final class ErrorMessages {

    private ErrorMessages() {}

    /** The first non-blank line of the message, or the exception's class when it has none. */
    public static String firstLine(Throwable e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        return message.lines().filter(l -> !l.isBlank()).findFirst().orElse(message);
    }

    /**
     * The database server's own message: the first line of the first SQLException in the cause
     * chain, without PostgreSQL's "ERROR: " prefix. jOOQ's exceptions also carry the SQL text,
     * which may hold a literal such as a conninfo, so this never shows them.
     */
    public static String serverMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return firstLine(sql).replaceFirst("^ERROR: +", "");
            }
        }
        return firstLine(e);
    }
}
