package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.TriggerUtils;
import org.quartz.spi.OperableTrigger;

/**
 * The triggers Quartz fires the jobs by, computed with Quartz's own calendar arithmetic
 * (no waiting). Europe/Berlin changes its clocks at 02:00 CET on 29 March 2026 (02:00-02:59
 * does not exist) and at 03:00 CEST on 25 October 2026 (02:00-02:59 happens twice).
 */
class JobTriggersTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void the_trigger_reads_the_cron_in_the_job_time_zone_and_fires_once_after_a_misfire() {
        CronTrigger trigger = JobTriggers.cron(job("0 30 2 * * ?", BERLIN), Instant.parse("2026-01-01T00:00:00Z"));

        assertEquals(TimeZone.getTimeZone(BERLIN), trigger.getTimeZone());
        assertEquals("0 30 2 * * ?", trigger.getCronExpression());
        assertEquals(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW, trigger.getMisfireInstruction());
        assertEquals("daily", trigger.getJobKey().getName());
        assertEquals(JobTriggers.GROUP, trigger.getKey().getGroup());
    }

    /**
     * Quartz skips the firing that falls in the spring-forward gap: 02:30 does not exist on
     * 29 March and Quartz does not move it to 03:30, so a nightly job at 02:30 Europe/Berlin
     * does not run that day at all. Its views keep the data of the 28th until the 30th. It is
     * no misfire either, so the misfire policy does not make it up. Hence the advice in
     * jobs/daily.conf: keep jobs in a DST zone outside the changeover hour, or use UTC.
     */
    @Test
    void at_0230_berlin_quartz_skips_the_spring_forward_day() {
        List<Instant> fires = fireTimes(job("0 30 2 * * ?", BERLIN), "2026-03-26T00:00:00Z", "2026-04-01T00:00:00Z");

        assertEquals(
                List.of(
                        Instant.parse("2026-03-26T01:30:00Z"), // 02:30 CET
                        Instant.parse("2026-03-27T01:30:00Z"),
                        Instant.parse("2026-03-28T01:30:00Z"),
                        // 29 March: no firing.
                        Instant.parse("2026-03-30T00:30:00Z"), // 02:30 CEST
                        Instant.parse("2026-03-31T00:30:00Z")),
                fires);
        assertEquals(List.of(26, 27, 28, 30, 31), berlinDays(fires));
    }

    /**
     * On the fall-back day 02:30 happens twice, at 00:30 UTC (CEST) and 01:30 UTC (CET).
     * Quartz fires once, at the second of them: exactly one run that day, and 25 hours after
     * the run before it.
     */
    @Test
    void at_0230_berlin_quartz_fires_once_on_the_fall_back_day_at_the_second_0230() {
        List<Instant> fires = fireTimes(job("0 30 2 * * ?", BERLIN), "2026-10-22T00:00:00Z", "2026-10-28T00:00:00Z");

        assertEquals(
                List.of(
                        Instant.parse("2026-10-22T00:30:00Z"), // 02:30 CEST
                        Instant.parse("2026-10-23T00:30:00Z"),
                        Instant.parse("2026-10-24T00:30:00Z"),
                        Instant.parse("2026-10-25T01:30:00Z"), // the second 02:30, in CET; not 00:30Z
                        Instant.parse("2026-10-26T01:30:00Z"),
                        Instant.parse("2026-10-27T01:30:00Z")),
                fires);
        assertEquals(List.of(22, 23, 24, 25, 26, 27), berlinDays(fires));
    }

    @Test
    void outside_the_changeover_hour_a_berlin_job_fires_exactly_once_every_day_of_both_changes() {
        JobDefinition job = job("0 30 3 * * ?", BERLIN);
        List<Instant> spring = fireTimes(job, "2026-03-26T00:00:00Z", "2026-04-01T00:00:00Z");
        List<Instant> fall = fireTimes(job, "2026-10-22T00:00:00Z", "2026-10-28T00:00:00Z");

        assertEquals(List.of(26, 27, 28, 29, 30, 31), berlinDays(spring));
        assertEquals(Instant.parse("2026-03-29T01:30:00Z"), spring.get(3)); // 03:30 CEST
        assertEquals(List.of(22, 23, 24, 25, 26, 27), berlinDays(fall));
        assertEquals(Instant.parse("2026-10-25T02:30:00Z"), fall.get(3)); // 03:30 CET
    }

    @Test
    void the_shipped_daily_job_in_utc_fires_every_24_hours_through_the_european_changes() {
        JobDefinition daily = JobDefinitions.load(java.nio.file.Path.of("jobs")).stream()
                .filter(j -> j.name().equals("daily"))
                .findFirst()
                .orElseThrow();
        List<Instant> fires = fireTimes(daily, "2026-03-20T00:00:00Z", "2026-11-01T00:00:00Z");

        assertEquals(226, fires.size());
        for (int i = 1; i < fires.size(); i++) {
            assertEquals(
                    Duration.ofDays(1),
                    Duration.between(fires.get(i - 1), fires.get(i)),
                    fires.get(i).toString());
        }
    }

    private static List<Instant> fireTimes(JobDefinition job, String from, String to) {
        OperableTrigger trigger = (OperableTrigger) JobTriggers.cron(job, Instant.parse(from));
        return TriggerUtils.computeFireTimesBetween(
                        trigger, null, Date.from(Instant.parse(from)), Date.from(Instant.parse(to)))
                .stream()
                .map(Date::toInstant)
                .toList();
    }

    private static List<Integer> berlinDays(List<Instant> fires) {
        return fires.stream()
                .map(i -> LocalDate.ofInstant(i, BERLIN).getDayOfMonth())
                .toList();
    }

    private static JobDefinition job(String cron, ZoneId zone) {
        return new JobDefinition(
                "daily",
                cron,
                zone,
                Optional.of("daily"),
                List.of(),
                Optional.empty(),
                new RetryPolicy(2, Duration.ofMinutes(10), Duration.ofMinutes(15)),
                true,
                "jobs/daily.conf");
    }
}
