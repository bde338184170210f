package com.wmsanalytics;

/** The process exit codes, one per kind of outcome. The guide documents each (GuideTest checks it). */
public enum ExitCode {
    OK(0),
    /** A view failed to refresh, or a migration failed. */
    FAILED(1),
    /** Bad usage or configuration: nothing was changed. */
    USAGE(2),
    /** The catch-up gate was not satisfied, so nothing was refreshed. */
    GATE_NOT_SATISFIED(3),
    /** Another refresh of the same view holds its lock. */
    LOCKED(4),
    /** A server could not be reached or refused the login. */
    CANNOT_CONNECT(5),
    /** A server is not fit for logical replication (preflight failed). */
    SERVER_NOT_FIT(6),
    /** The analytics node is a standby (in recovery): nothing was refreshed or written. */
    STANDBY(7),
    /**
     * The replica's subscription skipped transactions its slot had confirmed (a standby promoted
     * while behind): nothing was refreshed until {@code setup --resync} copies the tables again.
     */
    RESYNC_NEEDED(8),
    /** {@code backup}: pg_dump is missing or older than the server; nothing was written. */
    BACKUP_TOOL(9),
    /** {@code status --check}: a report is past its warn-after objective, or its freshness is unknown. */
    FRESHNESS_WARN(10),
    /** {@code status --check}: a report is past its error-after objective. */
    FRESHNESS_ERROR(11),
    /** A bug: an unexpected error. */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
