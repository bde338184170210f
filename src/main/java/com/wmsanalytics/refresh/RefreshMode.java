package com.wmsanalytics.refresh;

import java.util.Locale;

/**
 * How a report is refreshed. CONCURRENTLY never blocks readers but needs a populated view with
 * a unique index on plain columns, and costs more; PLAIN holds ACCESS EXCLUSIVE throughout.
 * INCREMENTAL recomputes only the changed buckets of a table-backed report; FULL rebuilds such
 * a report from its whole definition (its first refresh, or after a change that can move any
 * bucket). Readers of a table-backed report never wait.
 */
public enum RefreshMode {
    CONCURRENT,
    PLAIN,
    INCREMENTAL,
    FULL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
