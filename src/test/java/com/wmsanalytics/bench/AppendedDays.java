package com.wmsanalytics.bench;

import com.wmsanalytics.generate.GenerateProgress;
import com.wmsanalytics.generate.GenerateRequest;
import com.wmsanalytics.generate.GenerateSummary;
import com.wmsanalytics.replication.gate.CatchUpGate;
import com.wmsanalytics.replication.gate.GateResult;
import com.wmsanalytics.service.RefreshReport;
import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily group on one history: a first (full) refresh through the facade and a first
 * populating refresh of the old-style views, untimed for the comparison; then {@code repeat}
 * times: one day appended on the primary, the replica caught up (timed on its own), the
 * incremental {@code refresh --group daily} with a reader on {@code order_analytics.daily_orders},
 * then the old cron refresh with a reader on its copy, then the reports compared with their
 * old-style copies. The incremental refresh always goes first: it is the one that follows
 * the change.
 */
final class AppendedDays {

    static final String READER_SQL = "SELECT count(*) FROM order_analytics.daily_orders";
    static final String CRON_READER_SQL = "SELECT count(*) FROM " + CronViews.SCHEMA + ".daily_orders";
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(30);

    private final BenchStack bench;
    private final HistorySize size;
    private final int repeat;
    private final PrintStream out;
    private final LoadAverage load;

    AppendedDays(BenchStack bench, HistorySize size, int repeat, PrintStream out, LoadAverage load) {
        this.bench = bench;
        this.size = size;
        this.repeat = repeat;
        this.out = out;
        this.load = load;
    }

    SizeResult measure(Setup setup) throws Exception {
        DailyRefresh daily = new DailyRefresh(bench);
        RefreshReport first = daily.run();
        out.printf(
                "%s: first refresh of the daily group %s (%s)%n",
                size.label(), Stats.ms(first.elapsed()), DailyRefresh.modes(first));
        try (Connection cronConnection = bench.replicaConnection();
                Connection compareConnection = bench.replicaConnection()) {
            CronViews cron =
                    new CronViews(cronConnection, bench.app().config().refresh().timeZone());
            cron.create();
            CronViews.Run firstCron = cron.refresh();
            out.printf("%s: old-style views created and populated %s%n", size.label(), Stats.ms(firstCron.total()));
            report("after the first refresh", new SameRows(compareConnection).compare());
            List<AppendedDay> days = new ArrayList<>();
            for (int i = 1; i <= repeat; i++) {
                days.add(day(daily, cron, new SameRows(compareConnection)));
                print(i, days.get(i - 1));
            }
            return new SizeResult(size, setup, first, firstCron, days);
        }
    }

    private AppendedDay day(DailyRefresh daily, CronViews cron, SameRows same) throws Exception {
        GenerateSummary appended =
                bench.generate(new GenerateRequest(size.ordersPerDay(), 1, BenchStack.SEED), GenerateProgress.NONE);
        Duration catchUp = catchUp();
        ReadWhile.Result<RefreshReport> incremental = ReadWhile.run(bench, READER_SQL, daily::run);
        ReadWhile.Result<CronViews.Run> old = ReadWhile.run(bench, CRON_READER_SQL, cron::refresh);
        List<SameRows.Difference> differences = same.compare();
        return new AppendedDay(
                appended, catchUp, incremental.value(), incremental.reader(), old.value(), old.reader(), differences);
    }

    private Duration catchUp() {
        GateResult gate = bench.app().awaitCatchUp(CATCH_UP_TIMEOUT, CatchUpGate.Listener.NONE);
        if (!gate.satisfied()) {
            throw new IllegalStateException(
                    "the replica did not catch up: " + gate.reason().orElse(""));
        }
        return gate.waited();
    }

    private void print(int run, AppendedDay day) {
        RefreshReport r = day.incremental();
        out.printf(
                "%s: day %d/%d %s (%,d order lines): catch-up %s; incremental %s (gate %s, views added up %s; %s),"
                        + " reader longest %s; old cron %s, reader longest %s; load %s%n",
                size.label(),
                run,
                repeat,
                day.appended().firstDay(),
                day.appended().orderLines(),
                Stats.ms(day.catchUp()),
                Stats.ms(r.elapsed()),
                Stats.ms(DailyRefresh.gateWait(r)),
                Stats.ms(DailyRefresh.viewsAddedUp(r)),
                DailyRefresh.modes(r),
                Stats.ms(day.incrementalReader().longest()),
                Stats.ms(day.cron().total()),
                Stats.ms(day.cronReader().longest()),
                load.sample());
        r.views()
                .forEach(v -> out.printf(
                        "    %s %s %s%s%n",
                        v.view().qualified(),
                        v.mode().label(),
                        Stats.ms(v.duration().orElseThrow()),
                        v.buckets()
                                .map(b -> String.format(
                                        ", %d buckets, %d rows deleted, %d inserted",
                                        b.buckets(), b.rowsDeleted(), b.rowsInserted()))
                                .orElse("")));
        report("day " + run, day.differences());
    }

    private void report(String when, List<SameRows.Difference> differences) {
        if (differences.isEmpty()) {
            out.printf("%s: %s, the four reports equal their old-style copies%n", size.label(), when);
        }
        differences.forEach(d -> out.printf(
                "%s: %s, DIFFERENT: %s has %d rows its copy lacks, its copy %d it lacks%n",
                size.label(), when, d.report(), d.onlyInReport(), d.onlyInCopy()));
    }
}
