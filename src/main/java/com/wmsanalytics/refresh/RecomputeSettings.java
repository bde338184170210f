package com.wmsanalytics.refresh;

import org.jooq.DSLContext;

/**
 * The settings of a bucketed recompute's transaction. A recompute of a few buckets is a plan
 * that looks expensive over few rows, so a server with JIT (Debian's and the PostgreSQL
 * project's packages ship it on) compiles it every time, which costs more than running it:
 * {@code refresh.recompute-jit = false} (the default) turns JIT off for the recompute. A full
 * rebuild keeps the server's setting.
 *
 * <p>The definitions drive a recompute from its list of buckets (see migration V15), and
 * {@code enable_seqscan} is off for it, so that within that shape each bucket's rows are read by
 * their index whatever the statistics say: with a few buckets to read, a sequential scan of the
 * history is never the cheaper plan, and a stale estimate must not make it look so.
 */
public final class RecomputeSettings {

    private RecomputeSettings() {}

    /** Applies, for the rest of {@code tx}'s transaction, what a bucketed recompute runs with. */
    public static void bucketed(DSLContext tx, boolean jit) {
        tx.execute("SELECT set_config('enable_seqscan', 'off', true)");
        jit(tx, jit);
    }

    /** Turns JIT off for the rest of the transaction unless {@code jit}; the server's setting applies otherwise. */
    static void jit(DSLContext tx, boolean jit) {
        if (!jit) {
            tx.execute("SELECT set_config('jit', 'off', true)");
        }
    }
}
