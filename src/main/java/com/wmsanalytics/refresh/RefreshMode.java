package com.wmsanalytics.refresh;

/**
 * How a view is refreshed. CONCURRENTLY never blocks readers but needs a populated view with
 * a unique index on plain columns, and costs more; PLAIN holds ACCESS EXCLUSIVE throughout.
 */
public enum RefreshMode {
    CONCURRENT,
    PLAIN;

    public String label() {
        return this == CONCURRENT ? "concurrent" : "plain";
    }
}
