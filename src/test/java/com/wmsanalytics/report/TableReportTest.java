package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A report file of kind {@code table}: a table that every refresh rebuilds from its query, its
 * rows replaced in one transaction. Nothing captures its sources; it may read the clock; it
 * equals its definition after each refresh; a reader in the middle of a transaction neither
 * waits for the refresh nor sees its rows change; and a full report that reads it follows it.
 */
class TableReportTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final String QUERY = """
            SELECT c.customer_id, count(o.order_id) AS orders,
                   current_date - max(o.created_at)::date AS days_since_last_order,
                   rank() OVER (ORDER BY count(o.order_id) DESC, c.customer_id) AS orders_rank
            FROM wms.customers c
            LEFT JOIN wms.orders o ON o.customer_id = c.customer_id
            GROUP BY c.customer_id""";

    private static final String RANKED = """
            -- name: bi_reports.customer_rank
            -- kind: table
            -- group: daily
            -- unique-key: customer_id

            """ + QUERY + "\n";

    private static final String TOP = """
            -- name: bi_reports.top_customers
            -- kind: full
            -- group: daily
            -- unique-key: customer_id

            SELECT customer_id, orders FROM bi_reports.customer_rank WHERE orders_rank <= 10
            """;

    @Test
    void a_table_report_is_rebuilt_at_every_refresh_without_capture_and_readers_never_wait() throws Exception {
        Path dir = Files.createTempDirectory("reports");
        Path config = Pipeline.build(pg, 300, "wms-analytics.reports.dir = \"" + dir + "\"\n");
        Files.writeString(dir.resolve("customer_rank.sql"), RANKED);
        Files.writeString(dir.resolve("top_customers.sql"), TOP);
        CliRun migrate = CliRun.withConfig(config, "migrate");
        assertEquals(0, migrate.exitCode(), migrate.out() + migrate.err());
        assertEquals("r", value("SELECT relkind FROM pg_class WHERE oid = 'bi_reports.customer_rank'::regclass"));
        assertEquals(
                "0",
                value("SELECT count(*) FROM analytics_control.capture_part WHERE report_name = 'customer_rank'"),
                "nothing captures the sources of a report rebuilt at every refresh");
        assertEquals("0", differences(), "populated by migrate");

        CliRun first = CliRun.withConfig(config, "refresh", "--group", "daily");
        assertEquals(0, first.exitCode(), first.out() + first.err());
        pg.primary()
                .execute(
                        PostgresPair.DATABASE,
                        "UPDATE wms.orders SET customer_id = (SELECT max(customer_id) FROM wms.customers)"
                                + " WHERE order_id IN (SELECT order_id FROM wms.orders ORDER BY order_id LIMIT 40)");

        try (Connection reader = pg.replica().dataSource(PostgresPair.DATABASE).getConnection();
                Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            String before = sumOfRanks(s);

            CliRun second = CliRun.withConfig(config, "refresh", "--group", "daily");

            assertEquals(
                    0, second.exitCode(), "the refresh did not wait for the reader: " + second.out() + second.err());
            assertEquals(before, sumOfRanks(s), "the reader's transaction still sees the rows it read");
            reader.rollback();
            assertTrue(!before.equals(sumOfRanks(s)), "a new transaction sees the replaced rows");
        }
        assertEquals("0", differences(), "after replicated changes that move orders between customers");
        assertEquals(
                "full",
                value("SELECT mode FROM analytics_control.refresh_run_view WHERE view_name = 'customer_rank'"
                        + " ORDER BY run_id DESC LIMIT 1"));
        assertEquals(
                "0",
                value("SELECT count(*) FROM ((TABLE bi_reports.top_customers EXCEPT ALL SELECT customer_id, orders FROM"
                        + " (" + QUERY + ") q WHERE orders_rank <= 10) UNION ALL (SELECT customer_id, orders FROM ("
                        + QUERY
                        + ") q WHERE orders_rank <= 10 EXCEPT ALL TABLE bi_reports.top_customers)) d"),
                "the full report that reads it follows it");
        CliRun views = CliRun.withConfig(config, "views");
        assertTrue(views.out().contains("rebuilt in full, its rows replaced in one transaction"), views.out());
        CliRun verify = CliRun.withConfig(config, "verify", "bi_reports.customer_rank");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertTrue(verify.out().contains("a table rebuilt from its definition at every refresh"), verify.out());
    }

    private static String sumOfRanks(Statement s) throws Exception {
        try (ResultSet r =
                s.executeQuery("SELECT sum(orders_rank * customer_id)::text FROM bi_reports.customer_rank")) {
            r.next();
            return r.getString(1);
        }
    }

    private static String differences() {
        return value("SELECT count(*) FROM ((TABLE bi_reports.customer_rank EXCEPT ALL " + QUERY + ") UNION ALL ("
                + QUERY + " EXCEPT ALL TABLE bi_reports.customer_rank)) d");
    }

    private static String value(String sql) {
        return pg.replica().queryValue(PostgresPair.DATABASE, sql);
    }
}
