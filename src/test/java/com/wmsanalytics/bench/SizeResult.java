package com.wmsanalytics.bench;

import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.service.RefreshReport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** What one history size gave: the stack it was measured on, the first refreshes and the appended days. */
record SizeResult(HistorySize size, Setup setup, RefreshReport first, CronViews.Run firstCron, List<AppendedDay> days) {

    Stats incremental() {
        return stats(d -> d.incremental().elapsed());
    }

    Stats incrementalViewsAddedUp() {
        return stats(d -> DailyRefresh.viewsAddedUp(d.incremental()));
    }

    Stats gate() {
        return stats(d -> DailyRefresh.gateWait(d.incremental()));
    }

    Stats catchUp() {
        return stats(AppendedDay::catchUp);
    }

    Stats cron() {
        return stats(d -> d.cron().total());
    }

    Stats incrementalReader() {
        return stats(d -> d.incrementalReader().longest());
    }

    Stats cronReader() {
        return stats(d -> d.cronReader().longest());
    }

    Duration usualReader() {
        return Stats.median(
                days.stream().map(d -> d.incrementalReader().usual()).toList());
    }

    /** The daily group's views, in the order the first refresh ran them. */
    List<String> views() {
        return first.views().stream().map(v -> v.view().qualified()).toList();
    }

    Duration incrementalMedian(String view) {
        return Stats.median(days.stream()
                .map(d -> outcome(d.incremental(), view).duration().orElseThrow())
                .toList());
    }

    /** Each appended day's mode of {@code view}, e.g. {@code incremental}, joined when they differ. */
    String modes(String view) {
        return String.join(
                "/",
                days.stream()
                        .map(d -> outcome(d.incremental(), view).mode().label())
                        .distinct()
                        .toList());
    }

    /** Median buckets recomputed, or {@code -} for a materialized view. */
    String bucketsMedian(String view) {
        List<Long> buckets = days.stream()
                .map(d -> outcome(d.incremental(), view).buckets())
                .flatMap(java.util.Optional::stream)
                .map(b -> b.buckets())
                .sorted()
                .toList();
        return buckets.isEmpty() ? "-" : String.valueOf(buckets.get(buckets.size() / 2));
    }

    long rows(String view) {
        return outcome(days.isEmpty() ? first : days.get(days.size() - 1).incremental(), view)
                .rows()
                .orElse(-1L);
    }

    /** The old cron's time for the view's old-style copy, or null when it has none. */
    Duration cronMedian(String view) {
        String copy = CronViews.COPIES.stream()
                .filter(c -> c.report().equals(view))
                .map(CronViews.Copy::copy)
                .findFirst()
                .orElse(view);
        if (days.stream().anyMatch(d -> !d.cron().views().containsKey(copy))) {
            return null;
        }
        return Stats.median(days.stream().map(d -> d.cron().views().get(copy)).toList());
    }

    boolean allSame() {
        return days.stream().allMatch(d -> d.differences().isEmpty());
    }

    private Stats stats(Function<AppendedDay, Duration> measure) {
        return Stats.of(days.stream().map(measure).toList());
    }

    private static ReportOutcome outcome(RefreshReport report, String view) {
        return report.views().stream()
                .filter(v -> v.view().qualified().equals(view))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(Objects.toString(view) + " not in run " + report.runId()));
    }
}
