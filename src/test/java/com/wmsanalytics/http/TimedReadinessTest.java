package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A readiness probe gets its answer within the limit, whatever the check behind it does. */
class TimedReadinessTest {

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void a_check_that_hangs_is_answered_within_the_limit_with_the_reason() {
        CountDownLatch never = new CountDownLatch(1);
        try (TimedReadiness readiness = new TimedReadiness(
                () -> {
                    await(never);
                    return List.of();
                },
                Duration.ofMillis(200))) {
            // The check never returns: an answer at all, with this reason, is the limit at work.
            List<String> problems = readiness.problems();

            assertEquals(
                    List.of("the readiness check did not answer within 200 ms: the replica or the scheduler's store"
                            + " is slow or unreachable"),
                    problems);
        }
    }

    @Test
    void probes_during_a_hanging_check_wait_for_it_instead_of_starting_more() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (TimedReadiness readiness = new TimedReadiness(
                () -> {
                    calls.incrementAndGet();
                    await(release);
                    return List.of("the replica is not reachable");
                },
                Duration.ofMillis(100))) {
            readiness.problems();
            readiness.problems();
            readiness.problems();
            release.countDown();

            assertEquals(1, calls.get());
        }
    }

    @Test
    void a_check_that_answers_in_time_is_passed_on() {
        try (TimedReadiness readiness =
                new TimedReadiness(() -> List.of("the scheduler is starting"), Duration.ofSeconds(1))) {
            assertEquals(List.of("the scheduler is starting"), readiness.problems());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
