package com.wmsanalytics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.config.FreshnessObjective;
import com.wmsanalytics.freshness.FreshnessOverview;
import com.wmsanalytics.freshness.FreshnessState;
import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.freshness.ReportOverview;
import com.wmsanalytics.history.ReportDetails;
import com.wmsanalytics.replication.gate.SubscriptionState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The page and its JSON from a given overview: escaping, states in words, the sparkline. */
class FreshnessPageTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String HOSTILE = "<img src=x onerror=alert(1)> \"quoted\" & 'single'";

    @Test
    void text_from_the_database_and_the_configuration_is_escaped_everywhere() {
        String html = FreshnessPage.render(overview(HOSTILE, HOSTILE));

        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &#39;single&#39;"), html);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing from elsewhere");
    }

    @Test
    void a_subscription_gap_is_announced_above_the_reports_with_its_fix_and_in_the_json() throws Exception {
        FreshnessOverview plain = overview("order_analytics.daily_orders", "d");
        SubscriptionState s = plain.publishers().get(0);
        String gap = "subscription wms_analytics_sub (publisher wms) may have skipped transactions: <promoted>;"
                + " run 'wms-analytics setup --resync' to copy its tables again";
        FreshnessOverview gapped = new FreshnessOverview(
                NOW,
                plain.reports(),
                List.of(new SubscriptionState(
                        s.publisher(),
                        s.subscription(),
                        "gap",
                        s.bytesBehind(),
                        s.applyErrors(),
                        s.slotStatus(),
                        s.replayLag(),
                        s.retainedWal(),
                        s.safeWalSize(),
                        Optional.of(gap))));

        String html = FreshnessPage.render(gapped);

        int alert = html.indexOf("<p class=\"error\" role=\"alert\" data-role=\"gap\">");
        assertTrue(alert > 0 && alert < html.indexOf("id=\"reports\""), html);
        assertTrue(
                html.contains(
                        "may have skipped transactions: &lt;promoted&gt;; run &#39;wms-analytics setup --resync&#39;"),
                html);
        assertFalse(FreshnessPage.render(plain).contains("data-role=\"gap\""));
        JsonNode root = new ObjectMapper().readTree(FreshnessApi.render(gapped));
        assertEquals(gap, root.get("publishers").get(0).get("gap").asText());
    }

    @Test
    void each_state_is_given_in_words_and_a_symbol_not_only_a_colour() {
        for (FreshnessState state : FreshnessState.values()) {
            String html = FreshnessPage.render(overview("a.b", "report", state));

            assertTrue(html.contains("data-state=\"" + state.label() + "\""), state.label());
            assertTrue(
                    html.contains("<span aria-hidden=\"true\">" + StateBadge.symbol(state) + "</span> "
                            + StateBadge.word(state) + "</span>"),
                    state.label());
        }
    }

    @Test
    void the_sparkline_has_one_point_per_duration_scaled_to_the_longest_and_a_title() {
        String svg = Sparkline.svg(List.of(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(1)));

        assertTrue(svg.contains("points=\"2.0,20.0 60.0,2.0 118.0,14.0\""), svg);
        assertTrue(
                svg.contains("<title>last 3 refresh durations: shortest 500 ms, longest 2.0 s, newest 1.0 s</title>"),
                svg);
        assertEquals("<span class=\"muted\">no successful refresh yet</span>", Sparkline.svg(List.of()));
    }

    @Test
    void the_json_has_every_key_with_null_when_unknown() throws Exception {
        JsonNode root = new ObjectMapper().readTree(FreshnessApi.render(overview("order_analytics.daily_orders", "d")));
        JsonNode r = root.get("reports").get(0);

        assertEquals("2026-03-10T12:00:00Z", root.get("generated_at").asText());
        assertEquals(1, root.get("counts").get("warn").asInt());
        assertEquals("warn", r.get("state").asText());
        assertEquals(97_200.0, r.get("age_seconds").asDouble());
        assertEquals(93_600.0, r.get("warn_after_seconds").asDouble());
        assertTrue(r.get("last_refresh").isNull());
        assertTrue(r.get("last_error").isNull());
        assertEquals(
                List.of(1.5), List.of(r.get("recent_durations_seconds").get(0).asDouble()));
        JsonNode p = root.get("publishers").get(0);
        assertEquals(123_456, p.get("retained_wal_bytes").asLong());
        assertTrue(p.get("safe_wal_size_bytes").isNull());
    }

    private static FreshnessOverview overview(String view, String description) {
        return overview(view, description, FreshnessState.WARN);
    }

    private static FreshnessOverview overview(String view, String description, FreshnessState state) {
        ReportFreshness f = new ReportFreshness(
                view,
                Optional.of("daily"),
                Optional.of(NOW.minus(Duration.ofHours(27))),
                Optional.of(Duration.ofHours(27)),
                Optional.of(new FreshnessObjective(Duration.ofHours(26), Duration.ofHours(30))),
                state,
                "data as of 27 h ago, warn after 26 h");
        ReportDetails d = new ReportDetails(
                view, Optional.of(description), Optional.empty(), List.of(Duration.ofMillis(1500)), Optional.empty());
        SubscriptionState s = new SubscriptionState(
                view,
                "wms_analytics_sub",
                "streaming",
                Optional.of(0L),
                Optional.of(0L),
                Optional.of("reserved"),
                Optional.of(Duration.ZERO),
                Optional.of(123_456L),
                Optional.empty());
        return new FreshnessOverview(
                NOW, List.of(new ReportOverview(f, d, List.of(), List.of("wms.orders"))), List.of(s));
    }
}
