package com.wmsanalytics.history;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN;

import com.wmsanalytics.db.Servers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run history in the replica's {@code analytics_control} tables, through jOOQ. Each
 * active run keeps one connection of the pool for as long as it runs, so the pool needs a
 * connection more than the runs that may be active at once.
 */
public final class JooqRunHistory implements RunHistory {

    private static final Logger log = LoggerFactory.getLogger(JooqRunHistory.class);

    private final DataSource replica;
    private final DSLContext db;

    public JooqRunHistory(DataSource replica) {
        this.replica = replica;
        this.db = Servers.dsl(replica);
    }

    @Override
    public ActiveRun start(NewRun run) {
        return RunStart.start(replica, run);
    }

    @Override
    public int markInterrupted(Instant now) {
        return db.connectionResult(c -> new Interrupter(Sessions.of(c)).markInterrupted(now));
    }

    @Override
    public boolean awaitRunsEnded(String job, Duration timeout, Clock clock) {
        return db.connectionResult(c -> new Interrupter(Sessions.of(c)).awaitEnded(job, timeout, clock));
    }

    @Override
    public int purge(Duration retention, Instant now) {
        Instant cutoff = now.minus(retention);
        int purged = db.deleteFrom(REFRESH_RUN)
                .where(REFRESH_RUN.STARTED_AT.lt(cutoff))
                .and(REFRESH_RUN.STATUS.ne(SqlNames.of(RunStatus.RUNNING)))
                .execute();
        int hours = new RunSummaries(db).purge(cutoff);
        log.info("history - purged {} runs and {} hourly summaries older than {}", purged, hours, cutoff);
        return purged;
    }

    @Override
    public Summarized summarize(Duration after, Instant now) {
        return new RunSummaries(db).fold(now.minus(after));
    }

    @Override
    public List<RunSummary> summaries(SummaryFilter filter) {
        return new RunSummaries(db).read(filter);
    }

    @Override
    public List<RunRecord> runs(HistoryFilter filter) {
        return new RunReader(db).runs(filter);
    }

    @Override
    public List<Freshness> freshness() {
        return FreshnessReader.read(db);
    }

    @Override
    public List<ReportDetails> details() {
        return ReportDetailsReader.read(db);
    }

    @Override
    public Optional<Long> firstRun(String job, Instant scheduledFor) {
        return db.select(DSL.min(REFRESH_RUN.RUN_ID))
                .from(REFRESH_RUN)
                .where(REFRESH_RUN.JOB.eq(job).and(REFRESH_RUN.SCHEDULED_FOR.eq(scheduledFor)))
                .fetchOptional(0, Long.class);
    }
}
