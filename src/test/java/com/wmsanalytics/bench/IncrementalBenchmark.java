package com.wmsanalytics.bench;

import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.generate.GenerateSummary;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the incremental daily reports on the demo's two embedded servers, against the old
 * cron refresh, at several history sizes, and what the change capture costs the
 * subscription's apply. It is a program, not a test: the build never runs it. Run it from the
 * project directory, with as little else as possible busy on the machine:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.IncrementalBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--sizes 100000:120,1000000:1200 --repeat 3"
 * </pre>
 *
 * <p>For each size, on fresh servers: both sides migrated, the history generated on the
 * primary, replication set up, a first (full) {@code refresh --group daily} through the
 * facade, and the five reports of the daily group created once more as the plain materialized
 * views they were before ({@link CronViews}, in a scratch schema on the replica). Then, once
 * per repeat: one day appended on the primary (the history's average orders per day), the
 * replica caught up (timed apart), {@code refresh --group daily} through the facade, gated,
 * timed by its own {@code RefreshReport} (elapsed and each view's duration), then the old
 * cron refresh (REFRESH MATERIALIZED VIEW of the five, one after the other, in one
 * transaction), and the four incremental reports compared row for row with their old-style
 * copies. During each refresh a reader counts the rows of {@code order_analytics.daily_orders}
 * (of its copy during the old cron refresh) every few milliseconds; its longest query is
 * reported.
 *
 * <p>Then, on the last size's servers, the subscription's apply throughput with the change
 * capture and without it (the mirror's user triggers disabled and the capture column's
 * default and index dropped, then put back), alternating, {@code repeat} times each, timed
 * from the primary's commit until {@code pg_stat_replication.replay_lsn} passes the WAL
 * insert position read right after it. Five bulk shapes: realistic ({@code --apply-days}
 * generated days appended in one transaction: orders, lines, movements, shipments, status
 * updates), and four worst cases ({@link WorstCaseBulk}) of order lines in one transaction,
 * for the most recent orders and for the oldest: {@code --worst-lines} new lines, which call
 * nothing but cost the capture column and its index, and the changes of every line of the
 * same orders, each of which calls the capture function. The appended days lie after today,
 * so nearly all of the realistic bulk's orders, movements and shipments are in the open
 * window and pass the triggers' WHEN clauses without a call.
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code --sizes ORDERS:DAYS[,ORDERS:DAYS...]}: histories, measured in this order (default
 *       {@code 100000:120,1000000:1200}). Ratios compare the last size with the first.
 *   <li>{@code --repeat R}: appended days per size, and bulks of each kind with and without
 *       capture (default 3).
 *   <li>{@code --parallelism P}: {@code refresh.parallelism} (default: the tool's, 2). The old
 *       cron refresh runs one view at a time.
 *   <li>{@code --apply-days D}: generated days in one realistic bulk (default 10); 0 skips it.
 *   <li>{@code --worst-lines N}: order lines inserted in one worst-case bulk, a multiple of 10
 *       (default 200,000); 0 skips the worst cases.
 * </ul>
 *
 * <p>Progress goes to stdout as it runs and the tables follow at the end; the tool's own log
 * lines go to stderr. The summary gives the machine's one-minute load average as sampled
 * along the way: on a shared machine, read the figures with it. The generator appends days
 * after the last generated one, and the first history ends yesterday, so the appended days
 * are today and the days after: all of them in the reports' open window, as a day appended in
 * production is. The apply measurement runs last because it leaves the reports marked for a
 * full rebuild (capture was off).
 */
public final class IncrementalBenchmark {

    private final IncrementalOptions options;
    private final PrintStream out;
    private final LoadAverage load = new LoadAverage();

    private IncrementalBenchmark(IncrementalOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new IncrementalBenchmark(IncrementalOptions.parse(args), System.out).run();
    }

    private void run() throws Exception {
        IncrementalSummary summary = new IncrementalSummary(out, options.repeat());
        List<SizeResult> sizes = new ArrayList<>();
        List<ApplyThroughput.Result> apply = new ArrayList<>();
        for (int i = 0; i < options.sizes().size(); i++) {
            HistorySize size = options.sizes().get(i);
            boolean last = i == options.sizes().size() - 1;
            try (BenchStack bench = BenchStack.start(options.parallelism())) {
                sizes.add(measure(bench, size));
                if (last) {
                    apply.addAll(apply(bench, size));
                }
            }
        }
        out.println();
        out.println("== summary ==");
        summary.data(sizes, load);
        summary.daily(sizes);
        if (!apply.isEmpty()) {
            summary.apply(options.sizes().get(options.sizes().size() - 1), apply);
        }
    }

    private SizeResult measure(BenchStack bench, HistorySize size) throws Exception {
        out.printf("%s: building (generate, migrate, set up, catch up); load %s%n", size.label(), load.sample());
        Setup setup = Setup.of(bench, size.orders(), size.days());
        if (!setup.replicated()) {
            throw new IllegalStateException("the replica's row counts differ from the primary's: " + setup.rows());
        }
        out.printf(
                "%s: built in %s, %,d order lines%n",
                size.label(), Stats.ms(setup.buildTime()), setup.generated().orderLines());
        return new AppendedDays(bench, size, options.repeat(), out, load).measure(setup);
    }

    private List<ApplyThroughput.Result> apply(BenchStack bench, HistorySize size) throws Exception {
        List<ApplyThroughput.Result> results = new ArrayList<>();
        ApplyThroughput throughput = new ApplyThroughput(bench, options.repeat(), out, load);
        try (Connection primary = bench.primaryConnection()) {
            if (options.applyDays() > 0) {
                GenerateRequest request = new GenerateRequest(
                        size.ordersPerDay() * options.applyDays(), options.applyDays(), BenchStack.SEED);
                results.add(throughput.measure(
                        "realistic: " + options.applyDays() + " generated days",
                        primary,
                        () -> rowsWritten(bench.generate(request, GenerateProgress.NONE))));
            }
            for (WorstCaseBulk.Change change :
                    options.worstLines() > 0 ? WorstCaseBulk.Change.values() : new WorstCaseBulk.Change[0]) {
                for (WorstCaseBulk.Orders which : WorstCaseBulk.Orders.values()) {
                    WorstCaseBulk bulk = new WorstCaseBulk(primary, options.worstLines(), which, change);
                    int orders = options.worstLines() / WorstCaseBulk.LINES_PER_ORDER;
                    out.printf(
                            "worst case, %s of %s: %,d of the %,d orders are older than the open window%n",
                            change.text(), which.text(), bulk.ordersOutsideOpenWindow(), orders);
                    results.add(throughput.measure(
                            String.format(
                                    "worst case: %s of %,d %s",
                                    change.text(), orders, which.text().replace("the ", "")),
                            primary,
                            bulk::commit));
                }
            }
        }
        return results;
    }

    private static long rowsWritten(GenerateSummary summary) {
        return summary.rowsWritten().values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }
}
