package com.wmsanalytics.bench;

import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.text.TextTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Times the command line as a user meets it: each of {@code status}, {@code views},
 * {@code history} and {@code refresh VIEW} through {@code bin/wms-analytics}, whole processes
 * from start to exit, for this checkout and for a baseline build side by side (A B A B ...) on
 * the same embedded servers and data. For {@code refresh} it also gives the wall time minus the
 * run's own recorded duration. Then the service: launch to {@code /health/ready}, and its
 * resident memory once idle. It is a program, not a test: the build never runs it.
 *
 * <p>Build both trees first ({@code mvn -B -q -DskipTests package} in each; the baseline can
 * be a {@code git worktree} of another commit). Then, from this checkout:
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.CliBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--baseline ../baseline --runs 10"
 * </pre>
 *
 * <p>Options: {@code --baseline DIR} (required: a checkout or installation with
 * {@code bin/wms-analytics}), {@code --runs R} (counted runs per command and build, default
 * 10, after one warm-up run each that also builds the launcher's archives; 0 skips the
 * commands), {@code --orders N}
 * (default 20,000, the demo's), {@code --service-runs S} (starts of the service per build,
 * default 5; 0 skips it), {@code --idle DURATION-SECONDS} (how long the service idles before
 * its memory is read, default 10). The machine's load average is printed before and after:
 * other work on the machine moves every figure.
 */
public final class CliBenchmark {

    /** A materialized view in both builds: the baseline cannot refresh the tables that replaced the daily views. */
    static final String VIEW = "inventory_analytics.stock_levels";

    private static final Map<String, List<String>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("status", List.of("status"));
        COMMANDS.put("views", List.of("views"));
        COMMANDS.put("history --limit 5", List.of("history", "--limit", "5"));
        COMMANDS.put("refresh " + VIEW, List.of("refresh", VIEW));
    }

    private CliBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Launcher current = new Launcher("this checkout", Path.of("").toAbsolutePath());
        Launcher baseline =
                new Launcher("baseline", options.baseline().toAbsolutePath().normalize());
        Path scratch = Files.createTempDirectory("wms-analytics-cli-bench-");
        try (BenchStack stack = BenchStack.start(Optional.empty())) {
            System.out.printf("building %,d orders on PostgreSQL %s ...%n", options.orders(), stack.version());
            stack.build(options.orders());
            for (String group : List.of("daily", "weekly", "monthly")) {
                stack.app()
                        .refresh(
                                RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.empty(), true),
                                RefreshProgress.NONE);
            }
            int port = freePort();
            Path config = scratch.resolve("bench.conf");
            Files.writeString(config, stack.hocon() + "wms-analytics.http.port = " + port + "\n");
            System.out.println("load average before: " + loadAverage());
            if (options.runs() > 0) {
                printCommands(
                        commands(List.of(current, baseline), config, options, scratch), current, baseline, options);
            }
            if (options.serviceRuns() > 0) {
                ServiceStart service = new ServiceStart(config, port, Duration.ofSeconds(options.idleSeconds()));
                printService(
                        services(service, List.of(current, baseline), options, scratch), current, baseline, options);
            }
            System.out.println("load average after: " + loadAverage());
        }
    }

    /** Per command, per launcher: the counted runs. */
    private static Map<String, Map<Launcher, List<Launcher.Result>>> commands(
            List<Launcher> launchers, Path config, Options options, Path scratch) {
        Map<String, Map<Launcher, List<Launcher.Result>>> results = new LinkedHashMap<>();
        COMMANDS.forEach((name, args) -> {
            List<String> withConfig = new ArrayList<>(args);
            withConfig.addAll(List.of("--config", config.toString()));
            Map<Launcher, List<Launcher.Result>> byLauncher = new LinkedHashMap<>();
            launchers.forEach(l -> byLauncher.put(l, new ArrayList<>()));
            launchers.forEach(l -> Expect.zero(l.label() + " " + name, l.run(withConfig, scratch)));
            for (int i = 0; i < options.runs(); i++) {
                for (Launcher l : launchers) {
                    byLauncher.get(l).add(Expect.zero(l.label() + " " + name, l.run(withConfig, scratch)));
                }
            }
            results.put(name, byLauncher);
            System.out.println("measured " + name);
        });
        return results;
    }

    private static Map<Launcher, List<ServiceStart.Result>> services(
            ServiceStart service, List<Launcher> launchers, Options options, Path scratch)
            throws IOException, InterruptedException {
        Map<Launcher, List<ServiceStart.Result>> results = new LinkedHashMap<>();
        launchers.forEach(l -> results.put(l, new ArrayList<>()));
        for (int i = 0; i < options.serviceRuns(); i++) {
            for (Launcher l : launchers) {
                results.get(l).add(service.measure(l, Files.createTempFile(scratch, "service-", ".log")));
            }
        }
        return results;
    }

    private static void printCommands(
            Map<String, Map<Launcher, List<Launcher.Result>>> results,
            Launcher current,
            Launcher baseline,
            Options options) {
        System.out.println();
        System.out.println(
                "wall time through bin/wms-analytics, " + options.runs() + " runs each (min / median / max)");
        TextTable table = new TextTable("command", baseline.label(), current.label(), "median ratio");
        results.forEach((name, byLauncher) -> {
            Stats b = Stats.of(walls(byLauncher.get(baseline)));
            Stats c = Stats.of(walls(byLauncher.get(current)));
            table.row(name, b.text(), c.text(), Stats.ratio(c.median(), b.median()));
        });
        table.lines().forEach(System.out::println);
        String refresh = "refresh " + VIEW;
        System.out.println();
        System.out.println(refresh + ": wall time minus the run's own recorded time (min / median / max)");
        TextTable over = new TextTable("build", "recorded run", "wall minus recorded");
        for (Launcher l : List.of(baseline, current)) {
            List<Launcher.Result> runs = results.get(refresh).get(l);
            over.row(
                    l.label(),
                    Stats.of(runs.stream().map(Launcher.Result::recorded).toList())
                            .text(),
                    Stats.of(runs.stream()
                                    .map(r -> r.wall().minus(r.recorded()))
                                    .toList())
                            .text());
        }
        over.lines().forEach(System.out::println);
    }

    private static void printService(
            Map<Launcher, List<ServiceStart.Result>> results, Launcher current, Launcher baseline, Options options) {
        System.out.println();
        System.out.println("service (run): " + options.serviceRuns() + " starts each, idle " + options.idleSeconds()
                + " s before the memory is read (min / median / max)");
        TextTable table = new TextTable("build", "launch to /health/ready", "idle RSS");
        for (Launcher l : List.of(baseline, current)) {
            List<ServiceStart.Result> runs = results.get(l);
            List<Long> rss = runs.stream()
                    .map(ServiceStart.Result::idleRssBytes)
                    .sorted()
                    .toList();
            table.row(
                    l.label(),
                    Stats.of(runs.stream().map(ServiceStart.Result::toReady).toList())
                            .text(),
                    mib(rss.get(0)) + " / " + mib(rss.get(rss.size() / 2)) + " / " + mib(rss.get(rss.size() - 1)));
        }
        table.lines().forEach(System.out::println);
    }

    private static List<Duration> walls(List<Launcher.Result> runs) {
        return runs.stream().map(Launcher.Result::wall).toList();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1024.0 / 1024.0);
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The command line; see the class comment. */
    record Options(Path baseline, int runs, int orders, int serviceRuns, int idleSeconds) {

        static Options parse(String[] args) {
            Path baseline = null;
            int runs = 10;
            int orders = 20_000;
            int serviceRuns = 5;
            int idle = 10;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--baseline" -> baseline = Path.of(args[i + 1]);
                    case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                    case "--orders" -> orders = Integer.parseInt(args[i + 1]);
                    case "--service-runs" -> serviceRuns = Integer.parseInt(args[i + 1]);
                    case "--idle" -> idle = Integer.parseInt(args[i + 1]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (baseline == null || !Files.isExecutable(baseline.resolve("bin/wms-analytics"))) {
                throw new IllegalArgumentException(
                        "--baseline DIR: a checkout or installation with bin/wms-analytics is required");
            }
            return new Options(baseline, runs, orders, serviceRuns, idle);
        }
    }
}
