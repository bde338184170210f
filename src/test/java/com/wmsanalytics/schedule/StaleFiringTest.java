package com.wmsanalytics.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wmsanalytics.history.Trigger;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a firing gives way to a later one of its job: only a scheduled firing whose next fire time has come. */
class StaleFiringTest {

    private static final Instant T = Instant.parse("2026-12-07T04:14:26Z");
    private static final Firing SCHEDULED = new Firing("live", T, Trigger.SCHEDULE, Optional.empty(), 0);

    @Test
    void a_scheduled_firing_whose_next_fire_time_has_come_gives_way_to_it() {
        assertEquals(
                Optional.of(T.plusSeconds(2)),
                RefreshJob.laterFiringDue(SCHEDULED, Date.from(T.plusSeconds(2)), T.plusSeconds(2)));
        assertEquals(
                Optional.of(T.plusSeconds(2)),
                RefreshJob.laterFiringDue(SCHEDULED, Date.from(T.plusSeconds(2)), T.plusSeconds(58)));
    }

    @Test
    void a_scheduled_firing_runs_while_its_next_fire_time_is_ahead_or_absent() {
        assertEquals(
                Optional.empty(),
                RefreshJob.laterFiringDue(SCHEDULED, Date.from(T.plusSeconds(2)), T.plusMillis(1_999)));
        assertEquals(Optional.empty(), RefreshJob.laterFiringDue(SCHEDULED, null, T.plusSeconds(60)));
    }

    @Test
    void a_retry_never_gives_way() {
        Firing retry = SCHEDULED.retryOf(7);

        assertEquals(
                Optional.empty(), RefreshJob.laterFiringDue(retry, Date.from(T.plusSeconds(2)), T.plusSeconds(10)));
    }
}
