package com.wmsanalytics.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code refresh.full-rebuild-percent = 50}, a burst of late corrections that dirties more
 * than half of a report's days makes its refresh a full rebuild, which reads each day once,
 * rather than a recompute of nearly every day by index; a few corrections keep the recompute.
 * Either way the reports equal their definitions.
 */
@Tag("slow")
class RecomputeBoundTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    @Test
    void corrections_to_most_days_rebuild_the_report_in_full_and_to_a_few_days_recompute_just_those() {
        Path config = Pipeline.build(pg, 600, "wms-analytics.refresh.full-rebuild-percent = 50\n");
        assertEquals(0, cli(config, "refresh", "--group", "daily").exitCode(), "the first refresh");

        correctOneOrderPerDay("");
        CliRun burst = cli(config, "refresh", "--group", "daily");
        assertEquals(0, burst.exitCode(), burst.out() + burst.err());
        assertEquals("full", lastMode("daily_orders"), "a line of an order on every closed day was corrected");
        assertEquals("full", lastMode("daily_kpis"), "and the report that reads it is rebuilt with it");

        correctOneOrderPerDay(" LIMIT 2");
        CliRun few = cli(config, "refresh", "--group", "daily");
        assertEquals(0, few.exitCode(), few.out() + few.err());
        assertEquals("incremental", lastMode("daily_orders"), "two closed days were corrected");
        assertEquals(
                "t",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT buckets BETWEEN 2 AND 7 FROM analytics_control.refresh_run_view"
                                        + " WHERE view_name = 'daily_orders' ORDER BY run_id DESC LIMIT 1"),
                "the two corrected days and the open window's, not the history");

        CliRun verify = cli(config, "verify");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
    }

    /** The first line of one order of each day older than the open window, or of the first days only. */
    private static void correctOneOrderPerDay(String limit) {
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE wms.order_lines l SET quantity = l.quantity + 1 FROM (SELECT DISTINCT ON"
                                + " (o.created_at::date) o.order_id FROM wms.orders o WHERE o.created_at < now() - interval '5 days'"
                                + " ORDER BY o.created_at::date, o.order_id" + limit + ") AS d"
                                + " WHERE l.order_id = d.order_id AND l.line_no = 1");
    }

    private static String lastMode(String report) {
        return pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT mode FROM analytics_control.refresh_run_view WHERE view_name = '" + report
                                + "' ORDER BY run_id DESC LIMIT 1");
    }

    private static CliRun cli(Path config, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRun.of(all);
    }
}
