package com.wmsanalytics.bench;

import com.wmsanalytics.service.RefreshProgress;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.TestTls;
import com.wmsanalytics.text.TextTable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The service with TLS and a login (a web configuration file, bcrypt cost 10) beside the same
 * service with neither, both started from this checkout's {@code bin/wms-analytics} on the same
 * replica: the freshness page's and {@code /metrics}' server time (curl's time to first byte
 * less its time to the request sent, a new connection each request, so the TLS handshake is
 * reported apart), the handshake itself, and each process's resident memory when idle. The two
 * services are asked in turn, request by request. It is a program, not a test.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.mainClass=com.wmsanalytics.bench.SecuredEndpointBenchmark \
 *     -Dexec.classpathScope=test -Dexec.args="--server debian15 --loads 20"
 * </pre>
 */
public final class SecuredEndpointBenchmark {

    private static final String USER = "prometheus";
    private static final String PASSWORD = "bench-secret";
    private static final int WARM_UP = 10;

    private SecuredEndpointBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchServer server = BenchServer.parse(option(args, "--server", "embedded"));
        int loads = Integer.parseInt(option(args, "--loads", "20"));
        int orders = Integer.parseInt(option(args, "--orders", "20000"));
        Launcher launcher = new Launcher(
                "this build", Path.of(System.getProperty("basedir", ".")).toAbsolutePath());
        try (BenchStack stack = BenchStack.start(Optional.empty(), server)) {
            System.out.printf(
                    "building %,d orders on PostgreSQL %s (%s) ...%n", orders, stack.version(), server.option());
            stack.build(orders);
            for (String group : List.of("daily", "weekly", "monthly")) {
                stack.app()
                        .refresh(
                                RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.empty(), true),
                                RefreshProgress.NONE);
            }
            TestTls tls = TestTls.make();
            Path web = tls.webConfig(
                    "web.yml",
                    "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + "basic_auth_users:\n  "
                            + USER + ": " + BCrypt.hashpw(PASSWORD, BCrypt.gensalt(10)) + "\n");
            Path jobs = JobFiles.directory();
            JobFiles.write(jobs, "daily", "cron = \"0 0 0 1 1 ? 2099\"\ntime-zone = UTC\ngroup = daily");
            Map<String, Side> sides = new LinkedHashMap<>();
            sides.put("plain HTTP, no login", new Side(stack, jobs, Optional.empty(), tls));
            sides.put("TLS and basic auth", new Side(stack, jobs, Optional.of(web), tls));
            try {
                for (Side side : sides.values()) {
                    side.start(launcher);
                }
                Map<String, Map<String, List<double[]>>> samples = new LinkedHashMap<>();
                for (String path : List.of("/", "/metrics")) {
                    Map<String, List<double[]>> byside = new LinkedHashMap<>();
                    sides.keySet().forEach(k -> byside.put(k, new ArrayList<>()));
                    for (int i = 0; i < WARM_UP + loads; i++) {
                        for (Map.Entry<String, Side> e : sides.entrySet()) {
                            double[] t = e.getValue().curl(path);
                            if (i >= WARM_UP) {
                                byside.get(e.getKey()).add(t);
                            }
                        }
                    }
                    samples.put(path, byside);
                }
                Thread.sleep(10_000);
                TextTable table = new TextTable(
                        "service", "GET / server ms", "GET /metrics server ms", "TLS handshake ms", "idle RSS MiB");
                for (Map.Entry<String, Side> e : sides.entrySet()) {
                    List<double[]> page = samples.get("/").get(e.getKey());
                    List<double[]> metrics = samples.get("/metrics").get(e.getKey());
                    table.row(
                            e.getKey(),
                            String.format("%.1f", median(page, 0)),
                            String.format("%.1f", median(metrics, 0)),
                            e.getValue().web.isPresent() ? String.format("%.1f", median(metrics, 1)) : "-",
                            String.format("%.0f", e.getValue().rss() / 1048576.0));
                }
                System.out.printf(
                        "%nPostgreSQL %s (%s), %,d orders; medians of %d requests each, after %d warm-up%n",
                        stack.version(), server.option(), orders, loads, WARM_UP);
                table.lines().forEach(System.out::println);
            } finally {
                for (Side side : sides.values()) {
                    side.stop();
                }
            }
        }
    }

    /** One service process and how to ask it. */
    private static final class Side {

        private final BenchStack stack;
        private final Path jobs;
        private final Optional<Path> web;
        private final TestTls tls;
        private Process process;
        private int port;

        Side(BenchStack stack, Path jobs, Optional<Path> web, TestTls tls) {
            this.stack = stack;
            this.jobs = jobs;
            this.web = web;
            this.tls = tls;
        }

        void start(Launcher launcher) throws Exception {
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path config = Files.writeString(
                    Files.createTempFile("bench-service-", ".conf"),
                    stack.hocon()
                            + "wms-analytics.scheduler.jobs-dir = \"" + jobs + "\"\n"
                            + "wms-analytics.http.port = " + port + "\n"
                            + web.map(w -> "wms-analytics.http.web-config-file = \"" + w + "\"\n")
                                    .orElse(""));
            Path log = Files.createTempFile("bench-service-", ".log");
            process = launcher.builder(List.of("run", "--config", config.toString()), launcher.home())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited: " + Files.readString(log));
                }
                if (Files.readString(log).contains("wms-analytics - running")) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("the service did not start: " + Files.readString(log));
        }

        /** {server time, TLS handshake} in ms, from one curl on a new connection. */
        double[] curl(String path) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code} %{time_connect} %{time_appconnect} %{time_pretransfer} %{time_starttransfer}"));
            if (web.isPresent()) {
                command.addAll(List.of(
                        "--cacert",
                        tls.caCert().toString(),
                        "-u",
                        USER + ":" + PASSWORD,
                        "https://127.0.0.1:" + port + path));
            } else {
                command.add("http://127.0.0.1:" + port + path);
            }
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            String[] f = out.split(" ");
            if (f.length != 5 || !f[0].equals("200")) {
                throw new IllegalStateException(path + ": curl printed " + out);
            }
            double connect = Double.parseDouble(f[1]);
            double app = Double.parseDouble(f[2]);
            double pre = Double.parseDouble(f[3]);
            double first = Double.parseDouble(f[4]);
            return new double[] {(first - pre) * 1000, app > 0 ? (app - connect) * 1000 : 0};
        }

        long rss() throws IOException {
            return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst()
                    .orElseThrow();
        }

        void stop() throws InterruptedException {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static double median(List<double[]> samples, int index) {
        double[] values = samples.stream().mapToDouble(s -> s[index]).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
