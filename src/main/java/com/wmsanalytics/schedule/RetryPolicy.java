package com.wmsanalytics.schedule;

import java.time.Duration;

/**
 * What a job does after a run that did not succeed: {@code job.retry} in its file.
 *
 * @param failedAttempts how many times a failed run is retried (0: never)
 * @param backoff the wait before each retry of a failed run
 * @param skippedBackoff the wait before each retry of a skipped run (the replica was behind);
 *     skipped runs are retried until the job's next regular firing
 */
public record RetryPolicy(int failedAttempts, Duration backoff, Duration skippedBackoff) {}
