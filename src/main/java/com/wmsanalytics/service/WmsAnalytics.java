package com.wmsanalytics.service;

import com.wmsanalytics.UsageException;
import com.wmsanalytics.backup.Backup;
import com.wmsanalytics.backup.BackupResult;
import com.wmsanalytics.clock.Sleeper;
import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.FreshnessObjectives;
import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.db.ConnectionException;
import com.wmsanalytics.db.ErrorMessages;
import com.wmsanalytics.db.Migrator;
import com.wmsanalytics.db.Servers;
import com.wmsanalytics.freshness.FreshnessJudge;
import com.wmsanalytics.freshness.FreshnessOverview;
import com.wmsanalytics.freshness.FreshnessState;
import com.wmsanalytics.freshness.ReportFreshness;
import com.wmsanalytics.freshness.ReportOverview;
import com.wmsanalytics.history.Freshness;
import com.wmsanalytics.history.HistoryFilter;
import com.wmsanalytics.history.JooqRunHistory;
import com.wmsanalytics.history.ReportDetails;
import com.wmsanalytics.history.RunHistory;
import com.wmsanalytics.history.RunRecord;
import com.wmsanalytics.history.RunSummary;
import com.wmsanalytics.history.Summarized;
import com.wmsanalytics.history.SummaryFilter;
import com.wmsanalytics.history.Trigger;
import com.wmsanalytics.refresh.RefreshExecutor;
import com.wmsanalytics.refresh.RefreshPlan;
import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.refresh.ReportCatalog;
import com.wmsanalytics.refresh.ReportSelection;
import com.wmsanalytics.refresh.ReportVerifier;
import com.wmsanalytics.replication.failover.GapCheck;
import com.wmsanalytics.replication.failover.SubscriptionGap;
import com.wmsanalytics.replication.gate.CatchUpGate;
import com.wmsanalytics.replication.gate.GateResult;
import com.wmsanalytics.replication.gate.SubscriptionState;
import com.wmsanalytics.replication.preflight.Finding;
import com.wmsanalytics.replication.preflight.Preflight;
import com.wmsanalytics.replication.server.NodeRole;
import com.wmsanalytics.replication.server.NodeStatus;
import com.wmsanalytics.replication.server.StandbyRefusedException;
import com.wmsanalytics.replication.server.TableCounts;
import com.wmsanalytics.replication.setup.SetupStage;
import com.wmsanalytics.report.DeclaredObjectives;
import com.wmsanalytics.report.ReportFiles;
import com.wmsanalytics.report.ReportPlan;
import com.wmsanalytics.text.Durations;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade: the operations the commands and the scheduler service call (refresh, verify,
 * migrate, setup, status, history, backup and the demo's generation), each a method; a command
 * may call several, and the service calls the same ones.
 */
public final class WmsAnalytics implements AutoCloseable {

    private final AppConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private static final Logger log = LoggerFactory.getLogger(WmsAnalytics.class);

    private final Servers servers;
    private RunHistory history;

    public WmsAnalytics(AppConfig config, Clock clock) {
        this(config, clock, Sleeper.THREAD, null);
    }

    /** @param poolMetrics where the connection pools report their metrics, or null */
    public WmsAnalytics(AppConfig config, Clock clock, MetricsTrackerFactory poolMetrics) {
        this(config, clock, Sleeper.THREAD, poolMetrics);
    }

    /**
     * @param sleeper how the catch-up gate waits between polls; a test passes one that moves
     *     its clock forward
     * @param poolMetrics where the connection pools report their metrics, or null
     */
    public WmsAnalytics(AppConfig config, Clock clock, Sleeper sleeper, MetricsTrackerFactory poolMetrics) {
        this.config = config;
        this.clock = clock;
        this.sleeper = sleeper;
        this.servers = new Servers(config, poolMetrics);
    }

    /** How this instance waits between polls and before a held firing is tried again. */
    public Sleeper sleeper() {
        return sleeper;
    }

    public AppConfig config() {
        return config;
    }

    public Migrator.Outcome migrate() {
        return migrate(false, change -> {});
    }

    /**
     * Applies the jar's migrations to the replica, then matches its reports to the report files
     * of {@code reports.dir}: one repeatable migration per report, each in its own transaction.
     * The files are checked first; a bad one stops here with the reports unchanged.
     *
     * @param dropRemoved drop the reports whose file is gone; without it they are refused
     * @param changes told each report created, rebuilt or dropped
     */
    public Migrator.Outcome migrate(boolean dropRemoved, Consumer<String> changes) {
        Migrator.Outcome outcome = Migrator.migrateReplica(servers.replica());
        ReportPlan plan = reportFiles().check(dropRemoved);
        Migrator.migrateReplica(servers.replica(), ReportFiles.migrations(plan, changes));
        return outcome;
    }

    /** What {@code migrate} would do to the reports, changing nothing; the replica must be migrated. */
    public ReportPlan checkReports(boolean dropRemoved) {
        int pending = Migrator.pendingOnReplica(servers.replica());
        if (pending > 0) {
            throw new UsageException("the replica lacks " + pending
                    + " migration(s) of this version of wms-analytics; run 'wms-analytics migrate' first");
        }
        return reportFiles().check(dropRemoved);
    }

    private ReportFiles reportFiles() {
        return new ReportFiles(
                servers.replica(),
                config.reportsDir(),
                config.publishers().stream().flatMap(p -> p.schemas().stream()).collect(Collectors.toSet()),
                config.refresh().lockTimeout());
    }

    public Migrator.Outcome migratePrimary(String publisher) {
        return Migrator.migratePrimary(publisher, servers.publisher(publisher));
    }

    /**
     * A publisher's connections, by its name: for the data generator of the demo and of staging
     * primaries, which the facade does not carry.
     *
     * @throws com.wmsanalytics.UsageException for a name that is not a configured publisher
     */
    public javax.sql.DataSource publisherDataSource(String publisher) {
        return servers.publisher(publisher);
    }

    /** The clock this instance reads. */
    public Clock clock() {
        return clock;
    }

    public List<Finding> preflight() {
        return new Preflight(servers.replicaDsl(), servers.publisherDsls(), config.connectTimeout()).run();
    }

    /** Risks that do not fail the preflight, such as an unbounded max_slot_wal_keep_size on a publisher. */
    public List<Finding> preflightWarnings() {
        return new Preflight(servers.replicaDsl(), servers.publisherDsls(), config.connectTimeout()).warnings();
    }

    public List<String> setup(SetupStage.Listener listener) {
        requireWritable();
        return new SetupStage(servers.replicaDsl(), servers.publisherDsls(), clock, config.connectTimeout())
                .run(config.syncTimeout(), listener);
    }

    /**
     * Copies again the tables of every subscription that skipped transactions after a promotion
     * of the replica; empty when none did.
     */
    public List<String> resync(SetupStage.Listener listener) {
        requireWritable();
        return new SetupStage(servers.replicaDsl(), servers.publisherDsls(), clock, config.connectTimeout())
                .resync(config.syncTimeout(), listener);
    }

    /**
     * The old node's half of a planned switchover: stops the subscriptions, records where they
     * stopped, and waits for the standbys to replay it. After the promotion, {@link #setup}
     * on the new node checks the record and resumes them.
     */
    public List<String> switchover(SetupStage.Listener listener) {
        requireWritable();
        return new SetupStage(servers.replicaDsl(), servers.publisherDsls(), clock, config.connectTimeout())
                .switchover(config.syncTimeout(), sleeper, listener);
    }

    /** The subscriptions a promotion of the replica may have cut short (see {@link GapCheck}). */
    private GapCheck gapCheck() {
        return new GapCheck(servers.replicaDsl(), config.publishers());
    }

    /** Waits until the replica has caught up with every publisher, as of now. */
    public GateResult awaitCatchUp(Duration timeout, CatchUpGate.Listener listener) {
        return new CatchUpGate(
                        servers.replicaDsl(),
                        servers.publisherDsls(),
                        clock,
                        sleeper,
                        config.gate().pollInterval())
                .await(timeout, listener);
    }

    /**
     * Refreshes a group or the named views once the replica has caught up, and records the
     * run. Names are resolved against the catalog first: a bad one stops here, unchanged.
     */
    public RefreshReport refresh(RefreshRequest request, RefreshProgress progress) {
        requireWritable();
        gapCheck().requireNone();
        if (request.trigger() == Trigger.RETRY) {
            awaitEarlierRuns(request);
        }
        recoverInterruptedRuns();
        return new GatedRefresh(
                        config,
                        selection(),
                        history(),
                        timeout -> awaitCatchUp(timeout, progress),
                        new RefreshExecutor(servers.replica(), config.refresh(), clock),
                        Requester.current(),
                        clock)
                .run(request, progress);
    }

    /**
     * Compares incremental reports with their full definitions, in dependency order, and with
     * {@code repair} recomputes the buckets that differ. Names are resolved first.
     */
    public List<ReportVerifier.Check> verify(Optional<String> group, List<String> views, boolean repair) {
        requireWritable();
        gapCheck().requireNone();
        ReportSelection selection = selection();
        RefreshPlan plan = RefreshPlan.of(group.map(selection::group)
                .orElseGet(() -> views.isEmpty() ? selection.all() : selection.named(views)));
        ReportVerifier verifier = new ReportVerifier(servers.replica(), config.refresh());
        return plan.views().stream().map(v -> verifier.verify(v, repair)).toList();
    }

    /**
     * Dumps the control and report schemas with the {@code pg_dump} found on {@code searchPath}
     * into a new backup under {@code root}, then deletes the backups past {@code backup.retention}.
     */
    public BackupResult backup(Path root, String searchPath) {
        List<String> mirror = config.publishers().stream()
                .flatMap(p -> p.schemas().stream())
                .distinct()
                .toList();
        return new Backup(servers.replicaDsl(), config.replica(), mirror, config.backupRetention(), clock, searchPath)
                .run(root);
    }

    public StatusReport status() {
        recoverIfWritable();
        List<Freshness> views = history().freshness();
        return new StatusReport(nodes(), subscriptionSamples(), views, judge(views));
    }

    /** Whether the replica is writable or a standby in recovery. */
    public NodeRole replicaRole() {
        return NodeRole.read(servers.replicaDsl());
    }

    /**
     * Refuses, with the writable node's address if the standby knows it, when the replica is a
     * standby: nothing could be written there, not even the run's history.
     */
    public void requireWritable() {
        NodeRole role = replicaRole();
        if (role.standby()) {
            servers.evictReplica();
            throw new StandbyRefusedException(replicaAddress(), role);
        }
    }

    /** The replica and every publisher: role, and the physical standbys of the writable ones. */
    private List<NodeStatus> nodes() {
        List<NodeStatus> nodes = new ArrayList<>();
        nodes.add(NodeStatus.read("replica", replicaAddress(), servers.replicaDsl()));
        for (PublisherConfig p : config.publishers()) {
            String address = p.endpoint().addresses();
            try {
                nodes.add(NodeStatus.read("publisher " + p.name(), address, servers.publisherDsl(p.name())));
            } catch (ConnectionException e) {
                nodes.add(NodeStatus.unreachable("publisher " + p.name(), address));
            }
        }
        return nodes;
    }

    /** The replica's {@code host:port}, as configured; each host's for a multi-host URL. */
    public String replicaAddress() {
        return config.replica().addresses();
    }

    /** Marks dead runs interrupted where that can be written; a standby is only read. */
    private void recoverIfWritable() {
        if (!replicaRole().standby()) {
            recoverInterruptedRuns();
        }
    }

    /**
     * Each report's freshness against its objective, now. Like {@link #freshness()} it marks no
     * runs interrupted and reads no publisher. An objective naming an unknown report fails.
     */
    public List<ReportFreshness> freshnessStates() {
        return judge(history().freshness());
    }

    /**
     * What the freshness page shows: each report's freshness and refreshes, and each
     * subscription, read now. Marks no runs interrupted.
     */
    public FreshnessOverview overview() {
        Instant now = clock.instant();
        List<ReportFreshness> states = judge(history().freshness(), now);
        Map<String, ReportDetails> details = new HashMap<>();
        history().details().forEach(d -> details.put(d.view(), d));
        Map<String, Report> catalog = new HashMap<>();
        selection().all().forEach(v -> catalog.put(v.qualified(), v));
        List<ReportOverview> reports = states.stream()
                .map(f -> new ReportOverview(
                        f,
                        details.getOrDefault(
                                f.view(),
                                new ReportDetails(
                                        f.view(), Optional.empty(), Optional.empty(), List.of(), Optional.empty())),
                        sorted(Optional.ofNullable(catalog.get(f.view())).map(Report::dependsOn)),
                        sorted(Optional.ofNullable(catalog.get(f.view())).map(Report::sources))))
                .toList();
        return new FreshnessOverview(now, reports, subscriptionSamples());
    }

    private static List<String> sorted(Optional<java.util.Set<String>> names) {
        return names.map(n -> n.stream().sorted().toList()).orElse(List.of());
    }

    private List<ReportFreshness> judge(List<Freshness> views) {
        return judge(views, clock.instant());
    }

    private List<ReportFreshness> judge(List<Freshness> views, Instant now) {
        config.freshness()
                .requireKnown(views.stream()
                        .map(f -> f.viewSchema() + "." + f.viewName())
                        .collect(Collectors.toSet()));
        FreshnessObjectives objectives = config.freshness().withDeclared(DeclaredObjectives.read(servers.replicaDsl()));
        return new FreshnessJudge(objectives).judge(views, now);
    }

    /**
     * Every materialized view's last success, read from the run history as it is: unlike
     * {@link #status()} it marks no runs interrupted and reads no publisher. For the metrics.
     */
    public List<Freshness> freshness() {
        return history().freshness();
    }

    /** Past runs, newest first; a view or group filter is checked against the catalog first. */
    public List<RunRecord> history(Optional<String> view, Optional<String> group, Optional<Duration> since, int limit) {
        recoverIfWritable();
        ReportSelection selection = selection();
        Optional<String> qualified =
                view.map(v -> selection.named(List.of(v)).get(0).qualified());
        group.ifPresent(selection::group);
        return history()
                .runs(new HistoryFilter(
                        qualified, group, since.map(s -> clock.instant().minus(s)), limit));
    }

    public List<ReportInfo> views() {
        recoverIfWritable();
        Map<String, Freshness> freshness = new HashMap<>();
        List<Freshness> all = history().freshness();
        all.forEach(f -> freshness.put(f.viewSchema() + "." + f.viewName(), f));
        Map<String, ReportFreshness> states = new HashMap<>();
        judge(all).forEach(r -> states.put(r.view(), r));
        List<Report> reports = selection().all();
        return reports.stream()
                .map(v -> {
                    Optional<Freshness> f = Optional.ofNullable(freshness.get(v.qualified()));
                    Optional<ReportFreshness> state = Optional.ofNullable(states.get(v.qualified()));
                    return new ReportInfo(
                            v.qualified(),
                            v.group(),
                            v.groups(),
                            v.mode().label(),
                            v.modeReason(),
                            v.dependsOn().stream().sorted().toList(),
                            v.sources().stream().sorted().toList(),
                            reports.stream()
                                    .filter(r -> r.dependsOn().contains(v.qualified()))
                                    .map(Report::qualified)
                                    .sorted()
                                    .toList(),
                            f.flatMap(Freshness::lastSuccessAt),
                            f.flatMap(Freshness::lastStatus),
                            state.flatMap(ReportFreshness::dataAsOf),
                            state.map(ReportFreshness::state).orElse(FreshnessState.UNKNOWN));
                })
                .toList();
    }

    /** The first run recorded for a job's firing: where a recovered firing's chain starts. */
    public Optional<Long> firstRunOf(String job, Instant scheduledFor) {
        return history().firstRun(job, scheduledFor);
    }

    /** The newest run of a job, if it ever ran. */
    public Optional<RunRecord> latestRun(String job) {
        return history().runs(new HistoryFilter(Optional.empty(), Optional.of(job), Optional.empty(), 1)).stream()
                .findFirst();
    }

    /** The refresh groups the replica's views belong to. */
    public Set<String> groups() {
        return selection().all().stream().flatMap(v -> v.groups().stream()).collect(Collectors.toSet());
    }

    /** Every materialized view, as {@code schema.name}. */
    public Set<String> viewNames() {
        return selection().all().stream().map(v -> v.qualified()).collect(Collectors.toSet());
    }

    /** Each subscription's state, for the metrics. */
    public List<SubscriptionState> subscriptionSamples() {
        return config.publishers().stream().map(this::subscriptionState).toList();
    }

    /** One subscription's state; a publisher that cannot be reached shows as unreachable. */
    private SubscriptionState subscriptionState(PublisherConfig p) {
        try {
            return SubscriptionState.read(servers.replicaDsl(), p, servers.publisherDsl(p.name()));
        } catch (ConnectionException e) {
            log.warn("{} - {}", p.name(), e.getMessage());
            return SubscriptionState.unreachable(servers.replicaDsl(), p);
        }
    }

    /**
     * Why the replica cannot be used right now: empty when it answers and is writable. Asks
     * through the probe connection, so an unreachable replica is told within a second.
     */
    public List<String> replicaProblems() {
        try {
            NodeRole role = NodeRole.read(Servers.dsl(servers.replicaProbe()));
            if (!role.standby()) {
                return List.of();
            }
            servers.evictReplica();
            return List.of(new StandbyRefusedException(replicaAddress(), role).getMessage());
        } catch (RuntimeException e) {
            return List.of("the replica is not reachable: " + ErrorMessages.serverMessage(e));
        }
    }

    /**
     * Why refreshes are refused on a writable replica after a promotion, one line per
     * subscription with the fix; empty when none is. Asks through the probe connection.
     */
    public List<String> gaps() {
        return new GapCheck(Servers.dsl(servers.replicaProbe()), config.publishers())
                .find().stream().map(SubscriptionGap::message).toList();
    }

    /**
     * Fails within a second when the replica cannot be reached, so that a metrics scrape does
     * not wait {@code replica.connect-timeout} for each series it reads from there.
     */
    public void requireReplicaReachable() {
        Servers.dsl(servers.replicaProbe()).fetchOne("SELECT 1");
    }

    /** Deletes run history older than {@code history.retention}; returns how many runs. */
    public int purgeHistory() {
        return history().purge(config.historyRetention(), clock.instant());
    }

    /** Folds the scheduled runs that succeeded, once older than {@code history.summarize-after}, into hourly summaries. */
    public Summarized summarizeHistory() {
        return history().summarize(config.historySummarizeAfter(), clock.instant());
    }

    /** The hourly summaries of folded runs, newest first; a group filter is checked against the catalog first. */
    public List<RunSummary> historySummaries(Optional<String> group, Optional<Duration> since, int limit) {
        group.ifPresent(selection()::group);
        return history()
                .summaries(
                        new SummaryFilter(group, since.map(s -> clock.instant().minus(s)), limit));
    }

    /**
     * Before a retry: waits, for as long as the gate may, until no run of the job is still held
     * by a living process. The cluster may take over the firing of an instance that only
     * stalled: its run then finishes first, and the retry does not run beside it.
     */
    private void awaitEarlierRuns(RefreshRequest request) {
        Duration timeout = request.gateTimeout().orElse(config.gate().timeout());
        if (!history().awaitRunsEnded(request.job(), timeout, clock)) {
            log.warn(
                    "{} - an earlier run of the job is still running after {}; the retry runs beside it",
                    request.job(),
                    Durations.human(timeout));
        }
    }

    /** Runs left 'running' by a process that died become 'interrupted'. */
    public int recoverInterruptedRuns() {
        int interrupted = history().markInterrupted(clock.instant());
        if (interrupted > 0) {
            log.warn(
                    "history - marked {} run(s) interrupted: the process running them ended before they finished",
                    interrupted);
        }
        return interrupted;
    }

    private synchronized RunHistory history() {
        if (history == null) {
            history = new JooqRunHistory(servers.replica());
        }
        return history;
    }

    private ReportSelection selection() {
        return new ReportSelection(new ReportCatalog(servers.replicaDsl()));
    }

    /** The replica, for read-only reports. */
    public DSLContext replicaDsl() {
        return servers.replicaDsl();
    }

    public List<TableCounts.Row> rowCounts(String publisher) {
        return TableCounts.compare(config.publisher(publisher), servers.publisherDsl(publisher), servers.replicaDsl());
    }

    @Override
    public void close() {
        servers.close();
    }
}
