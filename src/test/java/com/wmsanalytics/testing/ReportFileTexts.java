package com.wmsanalytics.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Report files written for the tests and benchmarks, under {@code src/test/resources/report-files/}. */
public final class ReportFileTexts {

    private ReportFileTexts() {}

    /** The text of {@code report-files/NAME.sql}. */
    public static String text(String name) {
        try (InputStream in = ReportFileTexts.class.getResourceAsStream("/report-files/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalArgumentException("no report file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A query counting the rows in which the report a file declares differs from the file's query
     * over the whole history (0 when they are equal): the query runs with {@code bucket} spanning
     * every time, in UTC, and the two are compared both ways with EXCEPT ALL.
     */
    public static String differences(String file) {
        String report = file.substring("-- name: ".length(), file.indexOf('\n'));
        String definition = "SELECT q.* FROM (SELECT '-infinity'::timestamptz AS since, 'infinity'::timestamptz AS"
                + " until, 'UTC'::text AS zone) AS bucket CROSS JOIN LATERAL ("
                + file.substring(file.indexOf("\n\n") + 2)
                + ") q";
        return "SELECT (SELECT count(*) FROM (TABLE " + report + " EXCEPT ALL " + definition + ") a)"
                + " + (SELECT count(*) FROM (" + definition + " EXCEPT ALL TABLE " + report + ") b)";
    }
}
