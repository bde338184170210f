package com.wmsanalytics.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Apply throughput of the subscription with the change capture and without: a bulk committed
 * on the primary, timed from the commit until replay has passed it ({@link ReplayWait}). The
 * trials alternate, with capture first, {@code repeat} times each, the same bulk shape each
 * time. Without capture the mirror's user triggers are disabled and afterwards put back to
 * ENABLE ALWAYS, and the swept capture columns lose their defaults and indexes until the
 * trial is over ({@link CaptureColumns}). The reports then miss what those bulks changed, so
 * they are marked for a full rebuild.
 */
final class ApplyThroughput {

    /** A bulk of changes on the primary: commits it and returns the rows it changed. */
    interface Bulk {
        long commit() throws Exception;
    }

    /** One bulk: with capture or not, rows changed, and the time from commit to replay. */
    record Trial(boolean capture, long rows, Duration apply) {
        double rowsPerSecond() {
            return rows / (apply.toNanos() / 1e9);
        }
    }

    /** The trials of one bulk shape. */
    record Result(String bulk, List<Trial> trials) {
        List<Trial> of(boolean capture) {
            return trials.stream().filter(t -> t.capture() == capture).toList();
        }

        Stats apply(boolean capture) {
            return Stats.of(of(capture).stream().map(Trial::apply).toList());
        }

        double medianRowsPerSecond(boolean capture) {
            List<Double> sorted =
                    of(capture).stream().map(Trial::rowsPerSecond).sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        long medianRows() {
            List<Long> sorted = trials.stream().map(Trial::rows).sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    private final BenchStack bench;
    private final int repeat;
    private final PrintStream out;
    private final LoadAverage load;

    ApplyThroughput(BenchStack bench, int repeat, PrintStream out, LoadAverage load) {
        this.bench = bench;
        this.repeat = repeat;
        this.out = out;
        this.load = load;
    }

    Result measure(String name, Connection primary, Bulk bulk) throws Exception {
        ReplayWait replay = new ReplayWait(primary, bench.subscription());
        List<Trial> trials = new ArrayList<>();
        try (Connection replica = bench.replicaConnection()) {
            CaptureTriggers triggers = new CaptureTriggers(replica);
            CaptureColumns columns = new CaptureColumns(replica);
            try {
                for (int i = 1; i <= repeat; i++) {
                    for (boolean capture : new boolean[] {true, false}) {
                        if (!capture) {
                            triggers.disable();
                            columns.disable();
                        }
                        try {
                            long rows = bulk.commit();
                            Trial trial = new Trial(capture, rows, replay.since(System.nanoTime()));
                            trials.add(trial);
                            out.printf(
                                    "apply %s %d/%d %s capture: %,d rows in %s, %,.0f rows/s; load %s%n",
                                    name,
                                    i,
                                    repeat,
                                    capture ? "with" : "without",
                                    rows,
                                    Stats.ms(trial.apply()),
                                    trial.rowsPerSecond(),
                                    load.sample());
                        } finally {
                            if (!capture) {
                                triggers.restore();
                                columns.restore();
                            }
                        }
                    }
                }
            } finally {
                triggers.restore();
                columns.restore();
                markFull(replica);
            }
        }
        return new Result(name, trials);
    }

    private static void markFull(Connection replica) throws java.sql.SQLException {
        try (var statement = replica.createStatement()) {
            statement.executeUpdate("UPDATE analytics_control.incremental_report SET needs_full = true,"
                    + " full_reason = 'capture was disabled by a benchmark' WHERE captured");
        }
    }
}
