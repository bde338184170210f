package com.wmsanalytics.http;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A readiness check that answers within a time limit, whatever the servers do. The check runs
 * on a thread of its own; a probe that comes while it is still running waits for the same run
 * instead of starting another, so a hung server never piles up threads.
 */
final class TimedReadiness implements ReadinessCheck, AutoCloseable {

    private final ReadinessCheck check;
    private final Duration limit;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wms-http-readiness");
        t.setDaemon(true);
        return t;
    });
    private Future<List<String>> running;

    TimedReadiness(ReadinessCheck check, Duration limit) {
        this.check = check;
        this.limit = limit;
    }

    @Override
    public List<String> problems() {
        Future<List<String>> run = current();
        try {
            return run.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return List.of("the readiness check did not answer within " + limit.toMillis()
                    + " ms: the replica or the scheduler's store is slow or unreachable");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while checking readiness");
        }
    }

    private synchronized Future<List<String>> current() {
        if (running == null || running.isDone()) {
            running = thread.submit(check::problems);
        }
        return running;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
