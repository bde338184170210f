package com.wmsanalytics.web;

import com.wmsanalytics.config.FreshnessObjective;
import com.wmsanalytics.freshness.FreshnessOverview;
import com.wmsanalytics.freshness.FreshnessState;
import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.freshness.ReportOverview;
import com.wmsanalytics.history.ReportDetails;
import com.wmsanalytics.replication.gate.SubscriptionState;
import com.wmsanalytics.text.Durations;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The freshness page served at {@code GET /}: plain HTML with its style inline, no script, no
 * font or file from elsewhere. It reloads itself every minute. Everything read from the
 * database or the configuration is escaped.
 */
public final class FreshnessPage {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private FreshnessPage() {}

    public static String render(FreshnessOverview o) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta http-equiv=\"refresh\" content=\"60\">")
                .append("<title>Report freshness - wms-analytics</title><style>")
                .append(PageStyle.CSS)
                .append("</style></head>")
                .append("<body><header class=\"top\"><h1>Report freshness</h1><p class=\"muted\">As of ")
                .append(time(o.generatedAt()))
                .append(". This page reloads every minute.</p>")
                .append(summary(o));
        o.publishers()
                .forEach(p -> p.gap().ifPresent(gap -> h.append("<p class=\"error\" role=\"alert\" data-role=\"gap\">")
                        .append("Refreshes are refused, and the reports may lack data: ")
                        .append(Html.escape(gap))
                        .append("</p>")));
        h.append("</header><main><section aria-labelledby=\"reports\">")
                .append("<h2 id=\"reports\" class=\"sr\">Reports</h2><div class=\"grid\">");
        o.reports().forEach(r -> report(h, r, o.generatedAt()));
        h.append("</div></section>");
        publishers(h, o);
        return h.append("</main></body></html>\n").toString();
    }

    private static String summary(FreshnessOverview o) {
        StringBuilder s = new StringBuilder("<p class=\"summary\" data-role=\"summary\">");
        for (FreshnessState state : FreshnessState.values()) {
            s.append(StateBadge.html(state).replace("data-role=\"state\"", "data-role=\"count\""))
                    .append(" <strong>")
                    .append(o.count(state))
                    .append("</strong> ");
        }
        return s.append("</p>").toString();
    }

    private static void report(StringBuilder h, ReportOverview r, Instant now) {
        ReportFreshness f = r.freshness();
        ReportDetails d = r.details();
        String view = Html.escape(f.view());
        h.append("<article class=\"report state-")
                .append(f.state().label())
                .append("\" data-view=\"")
                .append(view)
                .append("\" data-state=\"")
                .append(f.state().label())
                .append("\" id=\"report-")
                .append(view)
                .append("\"><header><h3>")
                .append(view.replace(".", ".<wbr>"))
                .append("</h3>")
                .append(StateBadge.html(f.state()))
                .append("</header>");
        d.description().ifPresent(text -> h.append("<p class=\"description\">")
                .append(Html.escape(text))
                .append("</p>"));
        h.append("<dl><dt>Data as of</dt><dd data-role=\"data-as-of\">")
                .append(dataAsOf(f))
                .append("</dd>")
                .append("<dt>Objective</dt><dd>")
                .append(objective(f))
                .append("</dd>")
                .append("<dt>Last refresh</dt><dd data-role=\"last-refresh\">")
                .append(lastRefresh(d))
                .append("</dd>")
                .append("<dt>Reads</dt><dd data-role=\"reads\">")
                .append(inputs(r))
                .append("</dd>")
                .append("<dt>Recent refreshes</dt><dd>")
                .append(Sparkline.svg(d.recentDurations()))
                .append("</dd>");
        d.lastError().ifPresent(e -> h.append("<dt>Last error</dt><dd class=\"error\" data-role=\"last-error\">")
                .append(Html.escape(e.status()))
                .append(" at ")
                .append(time(e.at()))
                .append(e.sqlstate()
                        .map(s -> " (SQLSTATE " + Html.escape(s) + ")")
                        .orElse(""))
                .append(e.message().map(m -> ": " + Html.escape(m)).orElse(""))
                .append("</dd>"));
        h.append("</dl><p class=\"reason\">").append(Html.escape(f.reason())).append("</p></article>");
    }

    /** The reports it reads, each a link to its card, then the mirror tables. */
    private static String inputs(ReportOverview r) {
        List<String> inputs = new ArrayList<>();
        r.reads().forEach(v -> inputs.add("<a href=\"#report-" + Html.escape(v) + "\">" + Html.escape(v) + "</a>"));
        r.sources().forEach(t -> inputs.add("<code>" + Html.escape(t) + "</code>"));
        return inputs.isEmpty() ? "-" : String.join(", ", inputs);
    }

    private static String dataAsOf(ReportFreshness f) {
        return f.dataAsOf()
                .map(t -> "<time datetime=\"" + t + "\">" + time(t) + "</time> ("
                        + f.age().map(Durations::coarse).orElse("-") + " ago)")
                .orElse("not yet known");
    }

    private static String objective(ReportFreshness f) {
        Optional<FreshnessObjective> o = f.objective();
        return o.map(x -> "warning after " + Durations.coarse(x.warnAfter()) + ", error after "
                        + Durations.coarse(x.errorAfter()))
                .orElse("none");
    }

    private static String lastRefresh(ReportDetails d) {
        return d.lastRefresh()
                .map(l -> time(l.finishedAt()) + " &middot; "
                        + Html.escape(l.mode().orElse("-"))
                        + " &middot; " + Durations.human(l.duration()) + " &middot; "
                        + l.rows()
                                .map(n -> String.format(Locale.ROOT, "%,d rows", n))
                                .orElse("- rows"))
                .orElse("never");
    }

    private static void publishers(StringBuilder h, FreshnessOverview o) {
        h.append("<section aria-labelledby=\"publishers\"><h2 id=\"publishers\">Replication</h2>")
                .append("<div class=\"scroll\"><table><thead><tr><th>Publisher</th><th>Subscription</th><th>State</th>")
                .append("<th>Behind</th><th>Replay lag</th><th>Apply errors</th><th>Slot status</th>")
                .append("<th>Retained WAL</th><th>Safe WAL size</th></tr></thead><tbody>");
        for (SubscriptionState s : o.publishers()) {
            h.append("<tr data-publisher=\"")
                    .append(Html.escape(s.publisher()))
                    .append("\"><td>")
                    .append(Html.escape(s.publisher()))
                    .append("</td><td>")
                    .append(Html.escape(s.subscription()))
                    .append("</td><td>")
                    .append(Html.escape(s.state()))
                    .append("</td><td>")
                    .append(s.bytesBehind().map(Durations::bytes).orElse("-"))
                    .append("</td><td>")
                    .append(s.replayLag().map(Durations::human).orElse("-"))
                    .append("</td><td>")
                    .append(s.applyErrors().map(String::valueOf).orElse("-"))
                    .append("</td><td>")
                    .append(Html.escape(s.slotStatus().orElse("-")))
                    .append("</td><td data-role=\"retained-wal\">")
                    .append(s.retainedWal().map(Durations::bytes).orElse("-"))
                    .append("</td><td>")
                    .append(
                            s.slotStatus().isEmpty()
                                    ? "-"
                                    : s.safeWalSize().map(Durations::bytes).orElse("unlimited"))
                    .append("</td></tr>");
        }
        h.append("</tbody></table></div></section>");
    }

    static String time(Instant t) {
        return TIME.format(t);
    }
}
