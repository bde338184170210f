package com.wmsanalytics.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Time zones as the configuration accepts them: IANA regions such as Europe/Berlin, or UTC.
 * Fixed offsets are refused: PostgreSQL reads "+02:00" as a POSIX zone, two hours west, and
 * a region also follows daylight saving time.
 */
public final class TimeZones {

    private TimeZones() {}

    /** The zone, or the reason it is refused, as the tail of a one-line error. */
    public static ZoneIdOrReason parse(String zone) {
        ZoneId id;
        try {
            id = ZoneId.of(zone);
        } catch (DateTimeException e) {
            return new ZoneIdOrReason(Optional.empty(), "unknown time zone '" + zone + "'");
        }
        if (id instanceof ZoneOffset || !ZoneId.getAvailableZoneIds().contains(id.getId())) {
            return new ZoneIdOrReason(
                    Optional.empty(), "'" + zone + "' is a fixed offset; use a region such as Europe/Berlin, or UTC");
        }
        return new ZoneIdOrReason(Optional.of(id), "");
    }

    /** A parsed zone, or why there is none. */
    public record ZoneIdOrReason(Optional<ZoneId> zone, String reason) {}
}
