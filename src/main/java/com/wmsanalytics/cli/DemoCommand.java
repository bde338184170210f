package com.wmsanalytics.cli;

import com.typesafe.config.ConfigFactory;
import com.wmsanalytics.ExitCode;
import com.wmsanalytics.UsageException;
import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigLoader;
import com.wmsanalytics.daemon.ServiceRuntime;
import com.wmsanalytics.demo.DemoLibraries;
import com.wmsanalytics.demo.DemoReports;
import com.wmsanalytics.demo.DemoStack;
import com.wmsanalytics.demo.EmbeddedServer;
import com.wmsanalytics.generate.DataGenerator;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.metrics.PoolMetrics;
import com.wmsanalytics.replication.server.TableCounts;
import com.wmsanalytics.schedule.JobDefinition;
import com.wmsanalytics.schedule.RetryPolicy;
import com.wmsanalytics.service.RefreshReport;
import com.wmsanalytics.service.RefreshRequest;
import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.text.Durations;
import com.wmsanalytics.text.TextTable;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline on embedded PostgreSQL servers.",
            "",
            "Starts an embedded WMS primary and analytics replica on this machine, migrates both, generates WMS"
                    + " activity, sets up logical replication, refreshes the daily, weekly and monthly views"
                    + " through the catch-up gate, and prints row counts, reports and the history."
        })
final class DemoCommand implements Callable<Integer> {

    private static final String PUBLISHER = "wms";

    @ParentCommand
    RootCommand root;

    @Option(
            names = "--orders",
            defaultValue = "20000",
            paramLabel = "N",
            description = "Orders to generate (default: ${DEFAULT-VALUE}).")
    int orders;

    @Option(
            names = "--keep-running",
            description =
                    "Keep both servers running until Ctrl-C, with the service firing the daily, weekly and monthly"
                            + " jobs on an accelerated schedule.")
    boolean keepRunning;

    @Option(
            names = "--cron",
            defaultValue = "0 * * * * ?",
            paramLabel = "CRON",
            description =
                    "With --keep-running: the Quartz cron of the accelerated jobs (default: every minute, '${DEFAULT-VALUE}').")
    String cron;

    @Option(
            names = "--http-port",
            defaultValue = "9464",
            paramLabel = "PORT",
            description =
                    "With --keep-running: the port of the freshness page, /metrics and /health (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int httpPort;

    @Option(names = "--verbose", description = "Log details and show the stack trace of an error.")
    boolean verbose;

    private Terminal terminal;

    @Override
    public Integer call() throws IOException, InterruptedException {
        DemoLibraries.require(DemoCommand.class.getClassLoader());
        if (orders < 1) {
            throw new UsageException("--orders must be at least 1, got " + orders);
        }
        terminal = root.context().terminal();
        long start = System.nanoTime();
        Path dir = Files.createTempDirectory("wms-analytics-demo-");
        terminal.println("data directory: " + dir + " (removed when the demo stops)");
        DemoStack stack = DemoStack.start(dir, Optional.empty());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        WmsAnalytics app =
                new WmsAnalytics(config(stack, httpPort), root.context().clock(), PoolMetrics.hikariTracker(registry));
        try {
            terminal.println("started PostgreSQL " + stack.version() + ": primary on port "
                    + stack.primary().port() + ", replica on port "
                    + stack.replica().port());
            boolean countsMatch = pipeline(app);
            connections(stack);
            terminal.println("demo finished in " + Durations.human(Duration.ofNanos(System.nanoTime() - start)));
            if (keepRunning) {
                keepRunning(app, registry);
            }
            return countsMatch ? 0 : ExitCode.FAILED.code();
        } finally {
            app.close();
            stack.close();
        }
    }

    private static AppConfig config(DemoStack stack, int httpPort) {
        return new ConfigLoader(Map.of())
                .load(
                        ConfigFactory.parseString(stack.hocon() + "wms-analytics.http.port = " + httpPort + "\n"),
                        "demo");
    }

    private boolean pipeline(WmsAnalytics app) {
        terminal.println(app.migratePrimary(PUBLISHER).summary());
        terminal.println(app.migrate().summary());
        GenerateCommand.print(
                new DataGenerator(app.publisherDataSource(PUBLISHER), app.clock(), PUBLISHER)
                        .generate(new GenerateRequest(orders, 120, 42), GenerateCommand.progress(terminal)),
                terminal);
        app.setup(SetupCommand.listener(terminal));
        boolean countsMatch = counts(app.rowCounts(PUBLISHER));
        for (String group : List.of("daily", "weekly", "monthly")) {
            refresh(app, group);
        }
        DemoReports.render(app.replicaDsl()).forEach(terminal::println);
        terminal.println("history:");
        HistoryCommand.table(app.history(Optional.empty(), Optional.empty(), Optional.empty(), 10))
                .lines()
                .forEach(terminal::println);
        return countsMatch;
    }

    private boolean counts(List<TableCounts.Row> rows) {
        TextTable table = new TextTable("table", "primary", "replica", "");
        rows.forEach(r -> table.row(
                r.table(),
                String.format("%,d", r.publisher()),
                String.format("%,d", r.replica()),
                r.matches() ? "ok" : "DIFFERS"));
        terminal.println("");
        table.lines().forEach(terminal::println);
        boolean match = rows.stream().allMatch(TableCounts.Row::matches);
        terminal.println(match ? "every wms table matches on primary and replica" : "row counts differ");
        terminal.println("");
        return match;
    }

    private void refresh(WmsAnalytics app, String group) {
        RefreshReport report = app.refresh(
                RefreshRequest.adhoc(Optional.of(group), List.of(), Optional.empty(), true),
                new RefreshConsole(terminal));
        terminal.println("refresh --group " + group + ": run " + report.runId() + " " + Formats.lower(report.status())
                + " in " + Durations.human(report.elapsed())
                + ", data as of " + Formats.time(report.gate().flatMap(g -> g.dataAsOf()))
                + report.gate()
                        .map(g -> " (gate waited " + Durations.human(g.waited()) + ")")
                        .orElse(""));
        RefreshCommand.viewTable(report).lines().forEach(terminal::println);
        terminal.println("");
    }

    private void connections(DemoStack stack) {
        for (EmbeddedServer server : List.of(stack.primary(), stack.replica())) {
            terminal.println(server.name() + ": " + server.jdbcUrl(DemoStack.DATABASE) + "?user=" + server.superuser());
            terminal.println(" ".repeat(server.name().length() + 2) + "psql \"host=localhost port=" + server.port()
                    + " dbname=" + DemoStack.DATABASE + " user=" + server.superuser() + "\"");
        }
    }

    /** Runs the service on the demo's servers until Ctrl-C, then stops it and the servers. */
    private void keepRunning(WmsAnalytics app, PrometheusMeterRegistry registry) throws InterruptedException {
        List<JobDefinition> jobs = List.of("daily", "weekly", "monthly").stream()
                .map(group -> new JobDefinition(
                        group,
                        cron,
                        ZoneOffset.UTC,
                        Optional.of(group),
                        List.of(),
                        Optional.empty(),
                        new RetryPolicy(2, Duration.ofMinutes(1), Duration.ofMinutes(1)),
                        true,
                        "demo"))
                .toList();
        try (ServiceRuntime service =
                ServiceRuntime.start(app, jobs, registry, root.context().clock())) {
            terminal.println("the service fires the daily, weekly and monthly jobs on '" + cron + "' (UTC)");
            service.pageUrl(app.config()).ifPresent(url -> terminal.println("freshness page: " + url));
            service.metricsUrl(app.config()).ifPresent(url -> terminal.println("metrics: " + url));
            terminal.println("the servers keep running; press Ctrl-C to stop");
            RunCommand.awaitStopSignal();
            terminal.error("stopping the service and the servers ...");
        }
    }
}
