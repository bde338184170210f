package com.wmsanalytics.bench;

import com.wmsanalytics.refresh.Report;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures refreshes on the demo's two embedded servers: refresh time per group, CONCURRENTLY
 * against plain; what the catch-up gate costs when the replica has caught up; and how long a
 * reader waits while a view refreshes in each mode. It is a program, not a test: the build
 * never runs it. Run it from the project directory, with nothing else busy on the machine:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.RefreshBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--orders 100000 --repeat 5"
 * </pre>
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@code --orders N}: orders generated over 120 days with a fixed seed (default 20,000,
 *       the demo's).
 *   <li>{@code --repeat R}: runs of each measurement (default 5).
 *   <li>{@code --view schema.view}: the view for the reader-blocking measurement (default: the
 *       view whose plain refresh is slowest, and the view with the most rows).
 *   <li>{@code --parallelism P}: {@code refresh.parallelism} (default: the tool's, 2). The
 *       plain refreshes run one view at a time, so {@code --parallelism 1} compares the two
 *       modes view by view without the views competing for the processors.
 * </ul>
 *
 * <p>Progress goes to stdout as it runs and the tables follow at the end; the tool's own log
 * lines go to stderr. Nothing changes the data between refreshes, so a concurrent refresh
 * finds no differences to apply: the cheapest case for CONCURRENTLY.
 */
public final class RefreshBenchmark {

    private static final List<String> GROUPS = List.of("daily", "weekly", "monthly");

    private final BenchStack bench;
    private final BenchOptions options;
    private final PrintStream out;

    private RefreshBenchmark(BenchStack bench, BenchOptions options, PrintStream out) {
        this.bench = bench;
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        try (BenchStack bench = BenchStack.start(options.parallelism())) {
            new RefreshBenchmark(bench, options, System.out).run();
        }
    }

    private void run() throws Exception {
        Summary summary = new Summary(out, options.repeat());
        Setup setup = Setup.of(bench, options.orders());
        if (!setup.replicated()) {
            throw new IllegalStateException("the replica's row counts differ from the primary's");
        }
        summary.data(setup);
        List<GroupResult> groups = groups();
        GateOverhead.Result gate = new GateOverhead(bench, options.repeat(), out).measure();
        Map<ReaderViews.Choice, ReaderBlocking.Result> readers = readers(groups);
        out.println();
        out.println("== summary ==");
        summary.data(setup);
        summary.groups(groups);
        summary.gate(gate);
        readers.forEach((choice, result) -> summary.readers(result, choice.why()));
    }

    private List<GroupResult> groups() throws Exception {
        GroupTimings timings = new GroupTimings(bench, options.repeat(), out);
        List<GroupResult> results = new ArrayList<>();
        for (String group : GROUPS) {
            results.add(timings.measure(group));
        }
        return results;
    }

    private Map<ReaderViews.Choice, ReaderBlocking.Result> readers(List<GroupResult> groups) throws Exception {
        ReaderBlocking blocking = new ReaderBlocking(bench, options.repeat(), out);
        Map<ReaderViews.Choice, ReaderBlocking.Result> results = new LinkedHashMap<>();
        for (ReaderViews.Choice choice : ReaderViews.choose(groups, options.view())) {
            out.printf("reader blocking: %s (%s)%n", choice.view(), choice.why());
            results.put(choice, blocking.measure(view(choice.view()), choice.rows()));
        }
        return results;
    }

    private Report view(String qualified) {
        return bench.views().stream()
                .filter(v -> v.qualified().equals(qualified))
                .findFirst()
                .orElseThrow();
    }
}
