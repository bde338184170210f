package com.wmsanalytics.db;

import java.sql.SQLException;

/** Classifies database errors by SQLSTATE, never by message text. */
public final class SqlStates {

    public static final String INSUFFICIENT_PRIVILEGE = "42501";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String INVALID_SCHEMA_NAME = "3F000";

    private SqlStates() {}

    /** The SQLSTATE of the first SQLException in the cause chain, or null. */
    public static String of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** Whether the error means a table or schema of the project is missing: not migrated. */
    public static boolean isMissingObject(Throwable error) {
        String state = of(error);
        return UNDEFINED_TABLE.equals(state) || INVALID_SCHEMA_NAME.equals(state);
    }

    /**
     * Whether the error means the server cannot be used at all: connection exceptions (class
     * 08), a refused login (28), a missing database (3D000) or a server shutting down (57P0x).
     */
    public static boolean isConnectionFailure(Throwable error) {
        String state = of(error);
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("28")
                        || state.equals("3D000")
                        || state.startsWith("57P0"));
    }
}
