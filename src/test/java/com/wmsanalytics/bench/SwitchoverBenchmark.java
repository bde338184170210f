package com.wmsanalytics.bench;

import com.wmsanalytics.demo.EmbeddedServer;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.PhysicalStandby;
import com.wmsanalytics.testing.ServiceProcess;
import com.wmsanalytics.text.TextTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How long the running service takes to resume refreshing after a switchover of the analytics
 * node. One service process, whose {@code replica.url} lists two ports, fires a job every
 * second; each round stops the writable node (a clean stop streams its WAL to the standby),
 * promotes the standby, runs {@code setup --resync} as soon as the service reports the gap
 * check's hold, and waits for the first successful run on the new node. A new standby of the
 * new node is then started on the stopped node's port, for the next round. Prints each
 * round and the medians. It is a program, not a test: the build never runs it.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.SwitchoverBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--rounds 5"
 * </pre>
 *
 * <p>Options: {@code --rounds R} (default 5), {@code --orders N} (default 2,000).
 */
public final class SwitchoverBenchmark {

    private static final String DATABASE = "wms_db";
    private static final Duration LIMIT = Duration.ofSeconds(120);

    /** One switchover, each figure from the promotion's return or the resync's end. */
    record Round(Duration stop, Duration reached, Duration resync, Duration afterResync, Duration resumed) {}

    private SwitchoverBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = option(args, "--rounds", 5);
        int orders = option(args, "--orders", 2_000);
        LoadAverage load = new LoadAverage();
        try (BenchStack stack = BenchStack.start(Optional.empty())) {
            System.out.printf("building %,d orders on PostgreSQL %s ...%n", orders, stack.version());
            stack.build(orders);
            Path root = Files.createTempDirectory("wms-analytics-switchover-");
            EmbeddedServer writable = stack.replicaServer();
            PhysicalStandby standby = standbyOf(writable, root.resolve("standby-0"), 0);
            Path config = config(stack, writable.port(), standby.server().port());
            List<PhysicalStandby> standbys = new ArrayList<>(List.of(standby));
            List<Round> results = new ArrayList<>();
            try (ServiceProcess service = ServiceProcess.start(
                            config, List.of("-Dlogback.configurationFile=" + logging()))
                    .awaitRunning()) {
                awaitSuccessSince(standby.server(), "-infinity", service);
                for (int round = 1; round <= rounds; round++) {
                    load.sample();
                    System.out.printf(
                            "round %d: stopping port %d, promoting port %d%n",
                            round, writable.port(), standby.server().port());
                    Round result = switchover(writable, standby, config, service);
                    results.add(result);
                    System.out.printf(
                            "round %d: promotion %s, reached the new node %s, resync %s, first run after it %s,"
                                    + " first run after the promotion %s (load %s)%n",
                            round,
                            Stats.ms(result.stop()),
                            Stats.ms(result.reached()),
                            Stats.ms(result.resync()),
                            Stats.ms(result.afterResync()),
                            Stats.ms(result.resumed()),
                            load.sample());
                    if (round < rounds) {
                        int port = writable.port();
                        writable = standby.server();
                        standby = standbyOf(writable, root.resolve("standby-" + round), port);
                        standbys.add(standby);
                        awaitSuccessSince(writable, now(writable), service);
                    }
                }
                System.out.printf("the service ran throughout as process %d%n", service.pid());
                Path log = Files.writeString(Path.of("target", "switchover-benchmark-service.log"), service.log());
                System.out.printf("its log: %s%n", log.toAbsolutePath());
            } finally {
                standbys.forEach(PhysicalStandby::close);
            }
            print(results, load);
        }
    }

    /** The service's logging under systemd ({@code conf/logback.xml}), with the time of each line. */
    private static Path logging() throws Exception {
        String unit = Files.readString(Path.of("conf/logback.xml"));
        return Files.writeString(
                Files.createTempFile("switchover-logback", ".xml"),
                unit.replace("<pattern>%-5level", "<pattern>%d{HH:mm:ss.SSS} %-5level"));
    }

    private static Round switchover(
            EmbeddedServer writable, PhysicalStandby standby, Path config, ServiceProcess service) throws Exception {
        long held = holds(service);
        long start = System.nanoTime();
        System.out.printf("%s stopping port %d%n", java.time.LocalTime.now(), writable.port());
        writable.close();
        standby.promote();
        long promoted = System.nanoTime();
        System.out.printf(
                "%s promoted port %d%n",
                java.time.LocalTime.now(), standby.server().port());
        String since = now(standby.server());
        while (holds(service) == held && !succeededSince(standby.server(), since)) {
            check(promoted, service);
            Thread.sleep(20);
        }
        long reached = System.nanoTime();
        CliRun resync = CliRun.of("setup", "--resync", "--config", config.toString());
        if (resync.exitCode() != 0) {
            throw new IllegalStateException("setup --resync failed: " + resync.err());
        }
        long resynced = System.nanoTime();
        awaitSuccessSince(standby.server(), now(standby.server()), service);
        long resumed = System.nanoTime();
        return new Round(
                Duration.ofNanos(promoted - start),
                Duration.ofNanos(reached - promoted),
                Duration.ofNanos(resynced - reached),
                Duration.ofNanos(resumed - resynced),
                Duration.ofNanos(resumed - promoted));
    }

    private static void print(List<Round> results, LoadAverage load) {
        TextTable table = new TextTable("", "min / median / max");
        table.row("stop and promotion", stats(results, Round::stop));
        table.row("promotion to the service on the new node", stats(results, Round::reached));
        table.row("setup --resync", stats(results, Round::resync));
        table.row("resync to the first successful run", stats(results, Round::afterResync));
        table.row("promotion to the first successful run", stats(results, Round::resumed));
        System.out.printf("%n%d switchovers; load average: %s%n", results.size(), load.text());
        table.lines().forEach(System.out::println);
    }

    private static String stats(List<Round> results, java.util.function.Function<Round, Duration> figure) {
        return Stats.of(results.stream().map(figure).toList()).text();
    }

    private static PhysicalStandby standbyOf(EmbeddedServer source, Path dir, int port) {
        return PhysicalStandby.of(source, dir, EmbeddedServer.logicalReplicationSettings(), Optional.empty(), port);
    }

    private static Path config(BenchStack stack, int a, int b) throws Exception {
        Path jobs = JobFiles.directory();
        JobFiles.write(
                jobs,
                "tick",
                "cron = \"* * * * * ?\"\ntime-zone = UTC\nviews = [\"inventory_analytics.abc_classification\"]");
        return Files.writeString(
                Files.createTempFile("switchover-bench", ".conf"),
                stack.hocon() + "wms-analytics.replica.url = \"jdbc:postgresql://localhost:" + a + ",localhost:" + b
                        + "/" + DATABASE + "?targetServerType=primary\"\n" + JobFiles.serviceConfig(jobs)
                        + "wms-analytics.scheduler.misfire-threshold = 60s\n");
    }

    /** How many times the service has logged a firing held back by the gap check so far: it has reached the new node. */
    private static long holds(ServiceProcess service) {
        return service.log()
                .lines()
                .filter(l -> l.contains("held back") && l.contains("may have skipped transactions"))
                .count();
    }

    private static void awaitSuccessSince(EmbeddedServer server, String since, ServiceProcess service)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!succeededSince(server, since)) {
            check(start, service);
            Thread.sleep(20);
        }
    }

    private static boolean succeededSince(EmbeddedServer server, String since) {
        return "t"
                .equals(server.queryValue(
                        DATABASE,
                        "SELECT count(*) > 0 FROM analytics_control.refresh_run WHERE job = 'tick'"
                                + " AND status = 'succeeded' AND started_at >= '" + since + "'"));
    }

    private static void check(long start, ServiceProcess service) {
        if (System.nanoTime() - start > LIMIT.toNanos()) {
            throw new IllegalStateException("the service did not resume within " + LIMIT + ":\n" + service.log());
        }
    }

    private static String now(EmbeddedServer server) {
        return server.queryValue(DATABASE, "SELECT now()");
    }

    private static int option(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return otherwise;
    }
}
