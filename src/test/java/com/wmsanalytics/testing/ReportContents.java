package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;

/** What a materialized view holds, compared with its defining query or with itself earlier. */
public final class ReportContents {

    private ReportContents() {}

    /**
     * Rows in the report but not in its defining query, plus the reverse: 0 when they are
     * equal. A materialized view's query is its view definition; an incremental report's is
     * its definition function over every bucket.
     */
    public static long differences(EmbeddedServer server, String view) {
        String definition = server.queryValue(
                        PostgresPair.DATABASE,
                        "SELECT coalesce((SELECT " + ReportDefinitions.WHOLE_DEFINITION
                                + " FROM analytics_control.incremental_report r WHERE r.report_schema || '.' || r.report_name = '"
                                + view + "'),"
                                + " pg_get_viewdef('" + view + "'::regclass))")
                .replaceAll(";\\s*$", "");
        return Long.parseLong(server.queryValue(
                PostgresPair.DATABASE,
                "SELECT (SELECT count(*) FROM (TABLE " + view
                        + " EXCEPT ALL (" + definition + ")) a) + (SELECT count(*) FROM ((" + definition
                        + ") EXCEPT ALL TABLE "
                        + view + ") b)"));
    }

    /** A digest of every row, to tell whether the contents changed. */
    public static String fingerprint(EmbeddedServer server, String view) {
        return server.queryValue(
                PostgresPair.DATABASE,
                "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + view + " t");
    }
}
