package com.wmsanalytics.service;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.db.ErrorMessages;
import com.wmsanalytics.history.ActiveRun;
import com.wmsanalytics.history.NewRun;
import com.wmsanalytics.history.RunHistory;
import com.wmsanalytics.history.RunStatus;
import com.wmsanalytics.refresh.RefreshExecutor;
import com.wmsanalytics.refresh.RefreshPlan;
import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.refresh.ReportOutcome;
import com.wmsanalytics.refresh.ReportSelection;
import com.wmsanalytics.replication.gate.GateResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One refresh from request to history: resolve the views (a mistake stops here, before
 * anything is written), open the run, pass the gate, refresh in dependency order, close the
 * run with its status.
 */
final class GatedRefresh {

    private static final Logger log = LoggerFactory.getLogger(GatedRefresh.class);

    private final AppConfig config;
    private final ReportSelection selection;
    private final RunHistory history;
    private final Function<Duration, GateResult> gate;
    private final RefreshExecutor executor;
    private final Requester requester;
    private final Clock clock;

    GatedRefresh(
            AppConfig config,
            ReportSelection selection,
            RunHistory history,
            Function<Duration, GateResult> gate,
            RefreshExecutor executor,
            Requester requester,
            Clock clock) {
        this.config = config;
        this.selection = selection;
        this.history = history;
        this.gate = gate;
        this.executor = executor;
        this.requester = requester;
        this.clock = clock;
    }

    RefreshReport run(RefreshRequest request, RefreshProgress progress) {
        RefreshPlan plan = RefreshPlan.of(choose(request));
        Instant start = clock.instant();
        try (ActiveRun run = history.start(new NewRun(
                request.job(),
                request.trigger(),
                request.retryOf(),
                requester.user(),
                requester.host(),
                clock.instant(),
                request.scheduledFor()))) {
            log.info(
                    "{} - run {} started for {} view(s)",
                    request.job(),
                    run.runId(),
                    plan.views().size());
            try {
                return gateThenRefresh(run, request, plan, progress, start);
            } catch (RuntimeException e) {
                closeAsFailed(run, e);
                throw e;
            }
        }
    }

    /** Records an error that ended the run early; the error itself is what the caller sees. */
    private void closeAsFailed(ActiveRun run, RuntimeException error) {
        try {
            run.finish(RunStatus.FAILED, Optional.of(ErrorMessages.firstLine(error)), clock.instant());
        } catch (RuntimeException alsoFailed) {
            error.addSuppressed(alsoFailed);
        }
    }

    private RefreshReport gateThenRefresh(
            ActiveRun run, RefreshRequest request, RefreshPlan plan, RefreshProgress progress, Instant start) {
        Optional<GateResult> verdict = request.gated() ? Optional.of(passGate(run, request)) : Optional.empty();
        if (verdict.isPresent() && !verdict.get().satisfied()) {
            return skipped(run, request, verdict.get(), start);
        }
        return refresh(run, request, plan, verdict, progress, start);
    }

    private List<Report> choose(RefreshRequest request) {
        return request.group().map(selection::group).orElseGet(() -> selection.named(request.views()));
    }

    private GateResult passGate(ActiveRun run, RefreshRequest request) {
        GateResult verdict =
                gate.apply(request.gateTimeout().orElse(config.gate().timeout()));
        run.gate(
                verdict.publishers().stream().map(HistoryRecords::gate).toList(), verdict.waited(), verdict.dataAsOf());
        return verdict;
    }

    private RefreshReport skipped(ActiveRun run, RefreshRequest request, GateResult verdict, Instant start) {
        log.info(
                "{} - run {} skipped: {}",
                request.job(),
                run.runId(),
                verdict.reason().orElse(""));
        run.finish(RunStatus.SKIPPED, verdict.reason(), clock.instant());
        return new RefreshReport(
                run.runId(),
                RunStatus.SKIPPED,
                Optional.of(verdict),
                List.of(),
                verdict.reason(),
                Duration.between(start, clock.instant()));
    }

    private RefreshReport refresh(
            ActiveRun run,
            RefreshRequest request,
            RefreshPlan plan,
            Optional<GateResult> verdict,
            RefreshProgress progress,
            Instant start) {
        run.views(plan.views().stream().map(HistoryRecords::pending).toList());
        List<ReportOutcome> outcomes =
                executor.execute(plan, request.full(), new RecordingListener(run, progress, clock));
        Optional<String> error = error(outcomes);
        RunStatus status =
                error.isPresent() ? RunStatus.FAILED : request.gated() ? RunStatus.SUCCEEDED : RunStatus.UNGATED;
        run.finish(status, error, clock.instant());
        log.info(
                "{} - run {} {}: {} view(s)",
                request.job(),
                run.runId(),
                status.name().toLowerCase(Locale.ROOT),
                outcomes.size());
        return new RefreshReport(
                run.runId(), status, verdict, outcomes, error, Duration.between(start, clock.instant()));
    }

    private static Optional<String> error(List<ReportOutcome> outcomes) {
        List<ReportOutcome> bad = outcomes.stream().filter(o -> !o.succeeded()).toList();
        if (bad.isEmpty()) {
            return Optional.empty();
        }
        ReportOutcome first = bad.get(0);
        return Optional.of(bad.size() + " of " + outcomes.size() + " view(s) did not refresh; first: "
                + first.view().qualified() + " " + first.status().name().toLowerCase(Locale.ROOT)
                + first.message().map(m -> ": " + m).orElse(""));
    }

    /** Feeds the history as views start and finish, and passes the events on. */
    private record RecordingListener(ActiveRun run, RefreshProgress progress, Clock clock)
            implements RefreshExecutor.Listener {
        @Override
        public void started(Report view, int number, int total) {
            run.viewStarted(view.schema(), view.name(), clock.instant());
            progress.started(view, number, total);
        }

        @Override
        public void finished(ReportOutcome outcome) {
            run.viewFinished(HistoryRecords.finished(outcome));
            progress.finished(outcome);
        }
    }
}
