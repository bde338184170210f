package com.wmsanalytics.history;

import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN;
import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN_GATE;
import static com.wmsanalytics.history.jooq.Tables.REFRESH_RUN_VIEW;
import static org.jooq.impl.DSL.exists;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.selectOne;

import com.wmsanalytics.history.jooq.tables.records.RefreshRunRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Reads runs with their gates and views: three queries, whatever the number of runs. */
final class RunReader {

    private final DSLContext db;

    RunReader(DSLContext db) {
        this.db = db;
    }

    List<RunRecord> runs(HistoryFilter filter) {
        List<RefreshRunRecord> runs = db.selectFrom(REFRESH_RUN)
                .where(condition(filter))
                .orderBy(REFRESH_RUN.STARTED_AT.desc(), REFRESH_RUN.RUN_ID.desc())
                .limit(filter.limit())
                .fetch();
        List<Long> ids = runs.stream().map(RefreshRunRecord::getRunId).toList();
        Map<Long, List<GateRecord>> gates = gates(ids);
        Map<Long, List<ReportRecord>> views = views(ids);
        return runs.stream()
                .map(r -> Rows.run(
                        r, gates.getOrDefault(r.getRunId(), List.of()), views.getOrDefault(r.getRunId(), List.of())))
                .toList();
    }

    private static Condition condition(HistoryFilter filter) {
        Condition condition = noCondition();
        condition = condition.and(filter.job().map(REFRESH_RUN.JOB::eq).orElse(noCondition()));
        condition = condition.and(filter.since().map(REFRESH_RUN.STARTED_AT::ge).orElse(noCondition()));
        if (filter.view().isPresent()) {
            condition = condition.and(exists(selectOne()
                    .from(REFRESH_RUN_VIEW)
                    .where(
                            REFRESH_RUN_VIEW.RUN_ID.eq(REFRESH_RUN.RUN_ID),
                            REFRESH_RUN_VIEW.VIEW_SCHEMA.eq(filter.viewSchema().orElseThrow()),
                            REFRESH_RUN_VIEW.VIEW_NAME.eq(filter.viewName().orElseThrow()))));
        }
        return condition;
    }

    private Map<Long, List<GateRecord>> gates(List<Long> ids) {
        return db
                .selectFrom(REFRESH_RUN_GATE)
                .where(REFRESH_RUN_GATE.RUN_ID.in(ids))
                .orderBy(REFRESH_RUN_GATE.PUBLISHER)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(g -> g.getRunId(), Collectors.mapping(Rows::gate, Collectors.toList())));
    }

    /** Each run's views in the order they started; those never started last, by name. */
    private Map<Long, List<ReportRecord>> views(List<Long> ids) {
        return db
                .selectFrom(REFRESH_RUN_VIEW)
                .where(REFRESH_RUN_VIEW.RUN_ID.in(ids))
                .orderBy(
                        REFRESH_RUN_VIEW.STARTED_AT.asc().nullsLast(),
                        REFRESH_RUN_VIEW.VIEW_SCHEMA,
                        REFRESH_RUN_VIEW.VIEW_NAME)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(v -> v.getRunId(), Collectors.mapping(Rows::view, Collectors.toList())));
    }
}
