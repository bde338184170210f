package com.wmsanalytics.schedule;

import com.wmsanalytics.history.RunStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a run gets another attempt, and when. A skipped run (the replica was behind) is
 * retried after {@code skipped-backoff} as long as that comes before the job's next regular
 * firing. A failed run is retried after {@code backoff}, at most {@code failed-attempts}
 * times. Other outcomes are final.
 */
final class RetryDecision {

    private RetryDecision() {}

    static Optional<Instant> next(
            RunStatus status, int attempt, RetryPolicy policy, Instant now, Optional<Instant> nextRegular) {
        if (status == RunStatus.SKIPPED) {
            Instant at = now.plus(policy.skippedBackoff());
            return nextRegular.map(at::isBefore).orElse(true) ? Optional.of(at) : Optional.empty();
        }
        if (status == RunStatus.FAILED && attempt < policy.failedAttempts()) {
            return Optional.of(now.plus(policy.backoff()));
        }
        return Optional.empty();
    }
}
