package com.wmsanalytics.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wmsanalytics.freshness.FreshnessOverview;
import com.wmsanalytics.freshness.FreshnessState;
import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.freshness.ReportOverview;
import com.wmsanalytics.history.ReportDetails;
import com.wmsanalytics.replication.gate.SubscriptionState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /api/freshness}: what the page shows, as JSON for a BI tool's tile. Keys are
 * snake_case and always present ({@code null} when unknown), instants ISO-8601 UTC, durations
 * in seconds.
 */
public final class FreshnessApi {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FreshnessApi() {}

    public static String render(FreshnessOverview o) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generated_at", o.generatedAt().toString());
        ObjectNode counts = root.putObject("counts");
        for (FreshnessState s : FreshnessState.values()) {
            counts.put(s.label(), o.count(s));
        }
        ArrayNode reports = root.putArray("reports");
        o.reports().forEach(r -> report(reports.addObject(), r));
        ArrayNode publishers = root.putArray("publishers");
        o.publishers().forEach(p -> publisher(publishers.addObject(), p));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the freshness JSON", e);
        }
    }

    private static void report(ObjectNode n, ReportOverview r) {
        ReportFreshness f = r.freshness();
        ReportDetails d = r.details();
        n.put("view", f.view());
        n.put("group", f.group().orElse(null));
        n.put("description", d.description().orElse(null));
        n.put("state", f.state().label());
        n.put("reason", f.reason());
        n.put("data_as_of", f.dataAsOf().map(Instant::toString).orElse(null));
        seconds(n, "age_seconds", f.age());
        seconds(n, "warn_after_seconds", f.objective().map(x -> x.warnAfter()));
        seconds(n, "error_after_seconds", f.objective().map(x -> x.errorAfter()));
        ObjectNode last = d.lastRefresh().isPresent() ? n.putObject("last_refresh") : null;
        if (last == null) {
            n.putNull("last_refresh");
        } else {
            ReportDetails.LastRefresh l = d.lastRefresh().get();
            last.put("finished_at", l.finishedAt().toString());
            last.put("mode", l.mode().orElse(null));
            seconds(last, "duration_seconds", Optional.of(l.duration()));
            last.put("rows", l.rows().orElse(null));
        }
        ArrayNode durations = n.putArray("recent_durations_seconds");
        d.recentDurations().forEach(x -> durations.add(x.toMillis() / 1000.0));
        if (d.lastError().isEmpty()) {
            n.putNull("last_error");
        } else {
            ReportDetails.LastError e = d.lastError().get();
            ObjectNode error = n.putObject("last_error");
            error.put("at", e.at().toString());
            error.put("status", e.status());
            error.put("sqlstate", e.sqlstate().orElse(null));
            error.put("message", e.message().orElse(null));
        }
    }

    private static void publisher(ObjectNode n, SubscriptionState s) {
        n.put("publisher", s.publisher());
        n.put("subscription", s.subscription());
        n.put("state", s.state());
        n.put("bytes_behind", s.bytesBehind().orElse(null));
        n.put("apply_errors", s.applyErrors().orElse(null));
        seconds(n, "replay_lag_seconds", s.replayLag());
        n.put("wal_status", s.slotStatus().orElse(null));
        n.put("retained_wal_bytes", s.retainedWal().orElse(null));
        n.put("safe_wal_size_bytes", s.safeWalSize().orElse(null));
        n.put("gap", s.gap().orElse(null));
    }

    private static void seconds(ObjectNode n, String key, Optional<Duration> d) {
        if (d.isPresent()) {
            n.put(key, d.get().toMillis() / 1000.0);
        } else {
            n.putNull(key);
        }
    }
}
