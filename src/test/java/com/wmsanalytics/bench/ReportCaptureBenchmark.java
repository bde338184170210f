package com.wmsanalytics.bench;

import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.testing.ReportFileTexts;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the capture that {@code migrate} generates for {@code by-time} report files costs the
 * subscription's apply: a realistic bulk ({@code --apply-days} generated days in one primary
 * transaction: orders, lines, movements, shipments, status updates) timed from the commit until
 * replay passed it, with the generated triggers enabled and disabled in alternation. It is a
 * program, not a test: the build never runs it.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.ReportCaptureBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--orders 100000 --days 120 --repeat 5"
 * </pre>
 *
 * <p>Two report files are installed: one by day over {@code wms.orders} with its lines as a child
 * source (each line change calls a function that looks its order up), and one by day over
 * {@code wms.stock_movements}, which reads {@code wms.locations} (a change there asks for a
 * rebuild); with {@code --by-key}, a third, by key over customers, their orders and the orders'
 * lines (every source's new rows swept). The built-in reports' capture is generated too, so
 * "with" is every generated capture, the built-in reports' and the files', and "without" (the
 * generated triggers disabled, the sweep columns' defaults and BRIN indexes dropped) is no
 * capture at all. With {@code --built-in-only}, no file is added: the capture measured is the
 * built-in reports' alone. Options: {@code --servers
 * embedded,debian15} (default both, one after the other), {@code --orders}, {@code --days},
 * {@code --repeat} (bulks with and without, default 3), {@code --apply-days} (default 10), {@code
 * --parts} (which of {@code triggers,defaults,indexes} "without" turns off; default all).
 */
public final class ReportCaptureBenchmark {

    static final String ORDER_VALUE = ReportFileTexts.text("order_value_by_day");

    static final String PICKS = ReportFileTexts.text("picks_by_day");

    static final String CUSTOMER_VALUE = ReportFileTexts.text("customer_value");

    /** The parts of the capture that "without" turns off: {@code --parts}, all by default. */
    static final List<String> PARTS = List.of("triggers", "defaults", "indexes");

    private final PrintStream out = System.out;
    private final LoadAverage load = new LoadAverage();

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args);
        List<BenchServer> servers = a.servers("embedded,debian15");
        int orders = a.number("--orders", 100_000);
        int days = a.number("--days", 120);
        int repeat = a.number("--repeat", 3);
        int applyDays = a.number("--apply-days", 10);
        ReportCaptureBenchmark bench = new ReportCaptureBenchmark();
        List<String> summary = new ArrayList<>();
        for (BenchServer server : servers) {
            summary.add(bench.run(
                    server,
                    orders,
                    days,
                    repeat,
                    applyDays,
                    a.flag("--built-in-only"),
                    a.flag("--by-key"),
                    Set.copyOf(a.list("--parts", String.join(",", PARTS)))));
        }
        System.out.println();
        System.out.println("apply of " + applyDays + " generated days in one transaction, " + orders + " orders over "
                + days + " days; median of " + repeat + " with and without the generated capture:");
        summary.forEach(System.out::println);
        System.exit(0);
    }

    private String run(
            BenchServer server,
            int orders,
            int days,
            int repeat,
            int applyDays,
            boolean builtInOnly,
            boolean withKeys,
            Set<String> parts)
            throws Exception {
        if (!PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("--parts takes some of " + PARTS + ", not " + parts);
        }
        Path dir = Files.createTempDirectory("wms-analytics-report-files-");
        try (BenchStack stack =
                BenchStack.start(Optional.empty(), server, "wms-analytics.reports.dir = \"" + dir + "\"\n")) {
            stack.build(orders, days);
            if (!builtInOnly) {
                Files.writeString(dir.resolve("order_value.sql"), ORDER_VALUE);
                Files.writeString(dir.resolve("picks.sql"), PICKS);
            }
            if (withKeys) {
                Files.writeString(dir.resolve("customer_value.sql"), CUSTOMER_VALUE);
            }
            stack.app().migrate(false, line -> out.println(server.option() + ": " + line));
            List<Duration> with = new ArrayList<>();
            List<Duration> without = new ArrayList<>();
            List<Double> withRate = new ArrayList<>();
            List<Double> withoutRate = new ArrayList<>();
            List<Duration> withCpu = new ArrayList<>();
            List<Duration> withoutCpu = new ArrayList<>();
            long rows = 0;
            try (Connection primary = stack.primaryConnection();
                    Connection replica = stack.replicaConnection()) {
                replica.setAutoCommit(true);
                List<String[]> generated = generatedTriggers(replica);
                Map<String, String> defaults = sweepDefaults(replica);
                ApplyWorkerCpu cpu = new ApplyWorkerCpu(replica);
                out.printf("%s: %d generated triggers: %s%n", server.option(), generated.size(), tables(generated));
                ReplayWait replay = new ReplayWait(primary, stack.subscription());
                GenerateRequest bulk = new GenerateRequest(orders / days * applyDays, applyDays, BenchStack.SEED);
                for (int i = 1; i <= repeat; i++) {
                    for (boolean capture : new boolean[] {true, false}) {
                        toggle(replica, generated, defaults, capture, parts);
                        Duration cpuBefore = cpu.used();
                        long written = stack.generate(bulk, GenerateProgress.NONE).rowsWritten().values().stream()
                                .mapToLong(Long::longValue)
                                .sum();
                        Duration apply = replay.since(System.nanoTime());
                        Duration applyCpu = cpu.used().minus(cpuBefore);
                        (capture ? with : without).add(apply);
                        (capture ? withCpu : withoutCpu).add(applyCpu);
                        (capture ? withRate : withoutRate).add(written / (apply.toNanos() / 1e9));
                        rows = written;
                        out.printf(
                                "%s %d/%d %s generated capture: %,d rows applied in %s (apply worker CPU %s); load %s%n",
                                server.option(),
                                i,
                                repeat,
                                capture ? "with" : "without",
                                written,
                                Stats.ms(apply),
                                Stats.ms(applyCpu),
                                load.sample());
                    }
                }
                toggle(replica, generated, defaults, true, Set.copyOf(PARTS));
                execute(
                        replica,
                        "UPDATE analytics_control.incremental_report SET needs_full = true,"
                                + " full_reason = 'capture was disabled by a benchmark'");
            }
            return String.format(
                    "  %-10s about %,d rows: apply with %s, without %s (medians); %,.0f rows/s with, %,.0f without:"
                            + " throughput with = %.2fx without; apply worker CPU with %s, without %s: %.2fx",
                    server.option(),
                    rows,
                    Stats.ms(Stats.median(with)),
                    Stats.ms(Stats.median(without)),
                    median(withRate),
                    median(withoutRate),
                    median(withRate) / median(withoutRate),
                    Stats.ms(Stats.median(withCpu)),
                    Stats.ms(Stats.median(withoutCpu)),
                    (double) Stats.median(withoutCpu).toNanos()
                            / Stats.median(withCpu).toNanos());
        }
    }

    private static List<String[]> generatedTriggers(Connection replica) throws SQLException {
        List<String[]> found = triggers(replica);
        if (found.stream().anyMatch(t -> !t[1].matches("^\"?capture_[0-9a-f]{12}_.*"))) {
            throw new IllegalStateException("a trigger on the mirror that migrate did not generate");
        }
        return found;
    }

    /** Row and statement triggers on the mirror: {table, name}. */
    private static List<String[]> triggers(Connection replica) throws SQLException {
        List<String[]> found = new ArrayList<>();
        try (Statement s = replica.createStatement();
                ResultSet rs = s.executeQuery("SELECT t.tgrelid::regclass::text, quote_ident(t.tgname)"
                        + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                        + " WHERE c.relnamespace = 'wms'::regnamespace AND NOT t.tgisinternal ORDER BY 1, 2")) {
            while (rs.next()) {
                found.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        return found;
    }

    /** Each swept table's applied_xid default, as migrate set it. */
    private static Map<String, String> sweepDefaults(Connection replica) throws SQLException {
        Map<String, String> defaults = new TreeMap<>();
        try (Statement s = replica.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relname, pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d"
                        + " JOIN pg_class c ON c.oid = d.adrelid JOIN pg_attribute a ON a.attrelid = d.adrelid"
                        + " AND a.attnum = d.adnum WHERE c.relnamespace = 'wms'::regnamespace"
                        + " AND a.attname = 'applied_xid'")) {
            while (rs.next()) {
                defaults.put(rs.getString(1), rs.getString(2));
            }
        }
        return defaults;
    }

    /**
     * The generated triggers, every swept table's applied_xid default, and its BRIN index, on or
     * off: those of {@code parts} ({@link #PARTS}), so that each part's cost can be told apart.
     */
    private static void toggle(
            Connection replica, List<String[]> triggers, Map<String, String> defaults, boolean on, Set<String> parts)
            throws SQLException {
        if (parts.contains("triggers")) {
            for (String[] t : triggers) {
                execute(replica, "ALTER TABLE " + t[0] + (on ? " ENABLE ALWAYS" : " DISABLE") + " TRIGGER " + t[1]);
            }
        }
        for (String table : sweptTables(replica)) {
            if (parts.contains("defaults")) {
                execute(
                        replica,
                        "ALTER TABLE wms." + table + " ALTER COLUMN applied_xid "
                                + (on ? "SET DEFAULT " + defaults.get(table) : "DROP DEFAULT"));
            }
            if (parts.contains("indexes")) {
                execute(
                        replica,
                        on
                                ? "CREATE INDEX IF NOT EXISTS " + table + "_applied_xid_idx ON wms." + table
                                        + " USING brin (applied_xid) WITH (pages_per_range = 32)"
                                : "DROP INDEX IF EXISTS wms." + table + "_applied_xid_idx");
            }
        }
    }

    /** The mirror tables with an applied_xid column. */
    private static List<String> sweptTables(Connection replica) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = replica.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT c.relname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                + " WHERE c.relnamespace = 'wms'::regnamespace AND c.relkind = 'r' AND a.attname = 'applied_xid'"
                                + " AND NOT a.attisdropped ORDER BY 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    private static String tables(List<String[]> triggers) {
        return String.join(", ", triggers.stream().map(t -> t[0]).distinct().toList());
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
