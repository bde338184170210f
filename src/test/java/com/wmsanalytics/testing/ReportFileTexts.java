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
}
