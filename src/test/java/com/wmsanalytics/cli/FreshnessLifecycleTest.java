package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.service.WmsAnalytics;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.SettableClock;
import com.wmsanalytics.testing.TestConfig;
import com.wmsanalytics.web.FreshnessPage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The acceptance path on a real pipeline: with the subscription disabled, a refresh is
 * skipped and time passes: {@code status --check} and the page turn to warning, then error.
 * Re-enabled and refreshed, they are fresh again. The clock the commands read is driven.
 */
class FreshnessLifecycleTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final List<String> DAILY = List.of(
            "analytics.daily_kpis",
            "inventory_analytics.stock_levels",
            "order_analytics.daily_orders",
            "order_analytics.fulfillment_times",
            "warehouse_analytics.daily_throughput");
    private static final Pattern ARTICLE = Pattern.compile("data-view=\"([^\"]+)\" data-state=\"(\\w+)\"");

    private static Path config;
    private final SettableClock clock = new SettableClock(Instant.now());

    @BeforeAll
    static void pipeline() {
        config = Pipeline.build(
                pg,
                200,
                "wms-analytics.freshness.groups { weekly = null, monthly = null }\n"
                        + "wms-analytics.gate.timeout = 5s\n");
    }

    @Test
    void a_disabled_subscription_turns_the_check_and_the_page_to_warning_then_error_and_a_refresh_turns_them_back()
            throws Exception {
        assertEquals(0, run("refresh", "--group", "daily").exitCode);
        clock.set(Instant.now());
        assertEquals(
                List.of("OK all 5 reports are fresh"), run("status", "--check").lines());

        pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub DISABLE");
        try {
            assertEquals(3, run("refresh", "--group", "daily").exitCode, "skipped: the gate fails fast");
            clock.advance(Duration.ofHours(27));

            Run warn = run("status", "--check");
            assertEquals(10, warn.exitCode);
            assertEquals(
                    DAILY.stream()
                            .map(v -> "WARN " + v + ": data as of 27 h ago, warn after 26 h")
                            .toList(),
                    warn.lines());
            assertEquals(states("warn"), pageStates());

            clock.advance(Duration.ofHours(4));

            Run error = run("status", "--check");
            assertEquals(11, error.exitCode);
            assertEquals(
                    DAILY.stream()
                            .map(v -> "ERROR " + v + ": data as of 31 h ago, error after 30 h")
                            .toList(),
                    error.lines());
            assertEquals(states("error"), pageStates());
        } finally {
            pg.replica().execute(PostgresPair.DATABASE, "ALTER SUBSCRIPTION wms_analytics_sub ENABLE");
        }
        clock.set(Instant.now());
        Run refresh = run("refresh", "--group", "daily", "--gate-timeout", "60s");
        assertEquals(0, refresh.exitCode, refresh.err);

        assertEquals(
                List.of("OK all 5 reports are fresh"), run("status", "--check").lines());
        assertEquals(states("fresh"), pageStates());
    }

    /** The daily reports in the state; the others have no objective here. */
    private static Map<String, String> states(String daily) {
        Map<String, String> states = new java.util.TreeMap<>();
        for (String row : pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT string_agg(view_schema || '.' || view_name, ',') FROM analytics.report_freshness")
                .split(",")) {
            states.put(row, DAILY.contains(row) ? daily : "unknown");
        }
        return states;
    }

    private Map<String, String> pageStates() throws Exception {
        try (WmsAnalytics app = new WmsAnalytics(TestConfig.of(Files.readString(config)), clock)) {
            Matcher m = ARTICLE.matcher(FreshnessPage.render(app.overview()));
            Map<String, String> states = new java.util.TreeMap<>();
            while (m.find()) {
                states.put(m.group(1), m.group(2));
            }
            assertTrue(states.size() > DAILY.size());
            return states;
        }
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(args), java.util.stream.Stream.of("--config", config.toString()))
                .toArray(String[]::new);
        int code = Main.execute(
                all,
                new CliContext(
                        Map.of(), clock, new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), false)));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }
}
