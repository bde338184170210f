package com.wmsanalytics.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The reports shipped with the program, as report files in the same format as a BI team's:
 * {@code reports/builtin/*.sql} in the jar. Their path reads {@code built-in/NAME.sql}.
 */
final class BuiltinReports {

    /** The files, in name order. */
    static final List<String> FILES = List.of(
            "abc_classification.sql",
            "customer_months.sql",
            "customer_span.sql",
            "customer_summary.sql",
            "daily_kpis.sql",
            "daily_orders.sql",
            "daily_throughput.sql",
            "fulfillment_times.sql",
            "location_utilization.sql",
            "monthly_movement_value.sql",
            "monthly_rfm.sql",
            "monthly_turnover.sql",
            "pick_months.sql",
            "product_months.sql",
            "slow_movers.sql",
            "stock_levels.sql",
            "weekly_orders.sql",
            "weekly_trends.sql");

    private static final String RESOURCES = "/reports/builtin/";

    private BuiltinReports() {}

    static List<ReportFile> read(ReportFileParser parser) {
        return FILES.stream()
                .map(f -> parser.parse(Path.of("built-in", f), bytes(f)))
                .toList();
    }

    private static byte[] bytes(String file) {
        try (InputStream in = BuiltinReports.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks its built-in report " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
