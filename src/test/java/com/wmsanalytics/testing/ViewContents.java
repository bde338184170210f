package com.wmsanalytics.testing;

import com.wmsanalytics.demo.EmbeddedServer;

/** What a materialized view holds, compared with its defining query or with itself earlier. */
public final class ViewContents {

    private ViewContents() {}

    /** Rows in the view but not in its defining query, plus the reverse: 0 when they are equal. */
    public static long differences(EmbeddedServer server, String view) {
        String definition = server.queryValue(PostgresPair.DATABASE,
                "SELECT pg_get_viewdef('" + view + "'::regclass)").replaceAll(";\\s*$", "");
        return Long.parseLong(server.queryValue(PostgresPair.DATABASE, "SELECT (SELECT count(*) FROM (TABLE " + view
                + " EXCEPT ALL (" + definition + ")) a) + (SELECT count(*) FROM ((" + definition + ") EXCEPT ALL TABLE "
                + view + ") b)"));
    }

    /** A digest of every row, to tell whether the contents changed. */
    public static String fingerprint(EmbeddedServer server, String view) {
        return server.queryValue(PostgresPair.DATABASE,
                "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + view + " t");
    }
}
