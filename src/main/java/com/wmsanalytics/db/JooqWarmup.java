package com.wmsanalytics.db;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * jOOQ's first use initializes its data types for every dialect it knows, which costs a
 * short-lived command a tenth of a second on its main thread. A command that will query calls
 * {@link #start()} first: the initialization then runs on a second thread while the command
 * parses its arguments, reads its configuration and connects. {@link Servers} waits for it
 * before it hands out a pool, so jOOQ is never initialized from two threads at once: its
 * classes initialize one another, and two threads initializing such classes at the same time
 * can deadlock.
 */
public final class JooqWarmup {

    private static Thread thread;

    private JooqWarmup() {}

    /** Starts the initialization on a daemon thread; a second call does nothing. */
    public static synchronized void start() {
        if (thread == null) {
            thread = new Thread(JooqWarmup::initialize, "jooq-warmup");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Waits until a started initialization has ended; returns at once when none was started. */
    static void await() {
        Thread started;
        synchronized (JooqWarmup.class) {
            started = thread;
        }
        if (started == null) {
            return;
        }
        boolean interrupted = false;
        while (started.isAlive()) {
            try {
                started.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failure here is left for the first real use to raise, with its context. */
    private static void initialize() {
        try {
            DSL.using(SQLDialect.POSTGRES).render(DSL.select(DSL.inline(1)).from(DSL.name("warmup")));
        } catch (RuntimeException | LinkageError e) {
            // the command's own first query initializes jOOQ again and reports what fails
        }
    }
}
