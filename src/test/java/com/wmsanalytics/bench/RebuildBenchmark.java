package com.wmsanalytics.bench;

import com.typesafe.config.ConfigFactory;
import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigLoader;
import com.wmsanalytics.demo.DemoStack;
import com.wmsanalytics.demo.EmbeddedServer;
import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.replication.gate.CatchUpGate;
import com.wmsanalytics.replication.gate.GateResult;
import com.wmsanalytics.replication.setup.SetupStage;
import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures how long a lost analytics replica takes to rebuild from nothing, on the demo's two
 * embedded servers. It is a program, not a test: the build never runs it. Run it from the
 * project directory:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.RebuildBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--sizes 20000:120,1000000:1200 --repeat 3"
 * </pre>
 *
 * <p>For each size, on fresh servers, the primary is migrated and its history generated once
 * (fixed seed). Then, {@code repeat} times: the replica is lost (its subscription dropped with
 * its slot, its database dropped and created empty, the replica roles dropped), and rebuilt
 * with the facade the commands use, each phase timed: {@code migrate}; {@code setup}, which
 * creates the subscription and waits for every table's initial copy, followed by the catch-up
 * gate; and {@code refresh --full} of every group through the gate, one group after the other.
 * The primary's publication survives the loss, as it would.
 *
 * <p>Options: {@code --sizes ORDERS:DAYS[,...]} (default {@code 20000:120,1000000:1200}; the
 * demo's is 20,000 orders over 120 days) and {@code --repeat R} (default 3). The summary gives
 * each phase's median and the one-minute load average sampled along the way.
 */
public final class RebuildBenchmark {

    private static final String DATABASE = DemoStack.DATABASE;
    private static final List<String> PHASES = List.of("migrate", "setup and initial copy", "full refresh", "total");

    private final RebuildOptions options;
    private final PrintStream out;
    private final LoadAverage load = new LoadAverage();

    private RebuildBenchmark(RebuildOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        new RebuildBenchmark(RebuildOptions.parse(args), System.out).run();
    }

    private void run() throws Exception {
        Map<HistorySize, List<Map<String, Duration>>> results = new LinkedHashMap<>();
        for (HistorySize size : options.sizes()) {
            results.put(size, measure(size));
        }
        out.println();
        out.println("== summary: rebuild of a lost replica, median of the repeats (min / median / max) ==");
        results.forEach((size, runs) -> {
            out.printf("%s, %d rebuild(s):%n", size.label(), runs.size());
            for (String phase : PHASES) {
                List<Duration> samples = runs.stream().map(r -> r.get(phase)).toList();
                out.printf("  %-24s %s%n", phase, Stats.of(samples).text());
            }
        });
        out.println("load average (1 min) during the run, min / median / max: " + load.text());
    }

    private List<Map<String, Duration>> measure(HistorySize size) throws Exception {
        try (DemoStack stack = DemoStack.start(Files.createTempDirectory("wms-analytics-bench-"), Optional.empty())) {
            AppConfig config = new ConfigLoader(Map.of()).load(ConfigFactory.parseString(stack.hocon()), "benchmark");
            out.printf(
                    "%s: PostgreSQL %s, generating on the primary; load %s%n",
                    size.label(), stack.version(), load.sample());
            try (WmsAnalytics app = new WmsAnalytics(config, Clock.systemUTC())) {
                app.migratePrimary(BenchStack.PUBLISHER);
                Stopwatch.Timed<?> generated = Stopwatch.time(() -> new DataGenerator(
                                app.publisherDataSource(BenchStack.PUBLISHER), app.clock(), BenchStack.PUBLISHER)
                        .generate(
                                new GenerateRequest(size.orders(), size.days(), BenchStack.SEED),
                                GenerateProgress.NONE));
                out.printf("%s: generated in %s%n", size.label(), Stats.ms(generated.elapsed()));
            }
            List<Map<String, Duration>> runs = new ArrayList<>();
            for (int i = 1; i <= options.repeat(); i++) {
                if (i > 1) {
                    loseReplica(
                            stack.replica(),
                            config.publisher(BenchStack.PUBLISHER).subscription());
                }
                Map<String, Duration> run = rebuild(config);
                out.printf(
                        "%s: rebuild %d/%d: %s; load %s%n",
                        size.label(), i, options.repeat(), text(run), load.sample());
                runs.add(run);
            }
            return runs;
        }
    }

    /** The replica as a new server would be: an empty database, no subscription, no replica roles. */
    private static void loseReplica(EmbeddedServer replica, String subscription) {
        replica.execute(DATABASE, "DROP SUBSCRIPTION IF EXISTS " + subscription);
        replica.execute("postgres", "DROP DATABASE " + DATABASE + " WITH (FORCE)");
        replica.execute("postgres", "DROP ROLE IF EXISTS wms_bi_reader, wms_analytics_user");
        replica.execute("postgres", "CREATE DATABASE " + DATABASE);
    }

    private static Map<String, Duration> rebuild(AppConfig config) throws Exception {
        Map<String, Duration> run = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (WmsAnalytics app = new WmsAnalytics(config, Clock.systemUTC())) {
            run.put("migrate", Stopwatch.time(app::migrate).elapsed());
            run.put("setup and initial copy", Stopwatch.time(() -> setUp(app)).elapsed());
            run.put("full refresh", Stopwatch.time(() -> refreshAll(app)).elapsed());
        }
        run.put("total", Duration.ofNanos(System.nanoTime() - start));
        return run;
    }

    private static GateResult setUp(WmsAnalytics app) {
        app.setup(new SetupStage.Listener() {
            @Override
            public void changed(String change) {}

            @Override
            public void tablesReady(String subscription, int ready, int total) {}
        });
        GateResult caughtUp = app.awaitCatchUp(Duration.ofMinutes(30), CatchUpGate.Listener.NONE);
        if (!caughtUp.satisfied()) {
            throw new IllegalStateException(
                    "the replica did not catch up: " + caughtUp.reason().orElse(""));
        }
        return caughtUp;
    }

    private static int refreshAll(WmsAnalytics app) {
        int views = 0;
        for (String group : List.of("daily", "weekly", "monthly")) {
            RefreshReport report = app.refresh(
                    RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.of(Duration.ofMinutes(30)), true)
                            .withFull(true),
                    RefreshProgress.NONE);
            if (report.exitCode().code() != 0) {
                throw new IllegalStateException("refresh --group " + group + " ended " + report.status());
            }
            views += report.views().size();
        }
        return views;
    }

    private static String text(Map<String, Duration> run) {
        StringBuilder text = new StringBuilder();
        run.forEach((phase, d) -> text.append(text.isEmpty() ? "" : ", ")
                .append(phase)
                .append(' ')
                .append(Stats.ms(d)));
        return text.toString();
    }
}
