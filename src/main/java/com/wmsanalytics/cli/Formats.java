package com.wmsanalytics.cli;

import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.text.Durations;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How the human output shows instants and numbers. */
final class Formats {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Formats() {}

    static String time(Optional<Instant> instant) {
        return instant.map(TIME::format).orElse("-");
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** {@code 27 h / 26 h, 30 h}: the age of the data as of against warn-after and error-after. */
    static String ageAgainst(ReportFreshness r) {
        String age = r.age().map(Durations::coarse).orElse("-");
        return r.objective()
                .map(o -> age + " / " + Durations.coarse(o.warnAfter()) + ", " + Durations.coarse(o.errorAfter()))
                .orElse(age);
    }

    static String count(Optional<Long> n) {
        return n.map(v -> String.format(Locale.ROOT, "%,d", v)).orElse("-");
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
