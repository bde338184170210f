package com.wmsanalytics.refresh;

import com.wmsanalytics.config.RefreshSettings;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Runs a plan: each view starts once the views it reads have refreshed, and up to
 * {@code refresh.parallelism} independent views refresh at once. A view whose dependency did
 * not refresh is BLOCKED; views that do not depend on it go on.
 */
public final class RefreshExecutor {

    /** Told as views start and finish; called from the refresh threads. */
    public interface Listener {
        void started(Report view, int number, int total);

        void finished(ReportOutcome outcome);

        Listener NONE = new Listener() {
            @Override
            public void started(Report view, int number, int total) {}

            @Override
            public void finished(ReportOutcome outcome) {}
        };
    }

    private final ReportRefresher refresher;
    private final int parallelism;

    public RefreshExecutor(DataSource replica, RefreshSettings settings, Clock clock) {
        this.refresher = new ReportRefresher(replica, settings, clock);
        this.parallelism = settings.parallelism();
    }

    public List<ReportOutcome> execute(RefreshPlan plan, Listener listener) {
        return execute(plan, false, listener);
    }

    /** @param full rebuild incremental reports from their whole definition */
    public List<ReportOutcome> execute(RefreshPlan plan, boolean full, Listener listener) {
        ExecutorService threads = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "refresh");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, CompletableFuture<ReportOutcome>> futures = new LinkedHashMap<>();
            AtomicInteger started = new AtomicInteger();
            for (Report view : plan.views()) {
                List<CompletableFuture<ReportOutcome>> deps =
                        plan.dependenciesOf(view).stream().map(futures::get).toList();
                futures.put(
                        view.qualified(),
                        CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                                .thenApplyAsync(ignored -> run(view, deps, plan, full, started, listener), threads));
            }
            return results(futures.values());
        } finally {
            threads.shutdown();
            awaitQuietly(threads);
        }
    }

    private ReportOutcome run(
            Report view,
            List<CompletableFuture<ReportOutcome>> deps,
            RefreshPlan plan,
            boolean full,
            AtomicInteger started,
            Listener listener) {
        Optional<ReportOutcome> failedDependency = deps.stream()
                .map(CompletableFuture::join)
                .filter(o -> !o.succeeded())
                .findFirst();
        ReportOutcome outcome = failedDependency
                .map(d -> ReportOutcome.blocked(
                        view,
                        "not refreshed because " + d.view().qualified() + " "
                                + d.status().name().toLowerCase(Locale.ROOT)))
                .orElseGet(() -> {
                    listener.started(
                            view, started.incrementAndGet(), plan.views().size());
                    return refresher.refresh(view, full);
                });
        listener.finished(outcome);
        return outcome;
    }

    /**
     * Every view's outcome, once all have ended. A listener that threw (the history could not
     * be written) ends the refresh with that error, unwrapped, after the other views ended.
     */
    private static List<ReportOutcome> results(Collection<CompletableFuture<ReportOutcome>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .exceptionally(e -> null)
                .join();
        for (CompletableFuture<ReportOutcome> f : futures) {
            if (f.isCompletedExceptionally()) {
                try {
                    f.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static void awaitQuietly(ExecutorService threads) {
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
