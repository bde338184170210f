package com.wmsanalytics.report;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.UsageException;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.db.ErrorMessages;
import com.wmsanalytics.db.SqlStates;
import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.refresh.ReportCatalog;
import com.wmsanalytics.text.Durations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Checks the report files against the replica and works out what {@code migrate} will do,
 * changing nothing: in one transaction that is rolled back, it drops the reports to rebuild
 * and creates every new or rebuilt report without data, so that PostgreSQL itself parses each
 * query, resolves its tables and columns, checks its unique key and records what it reads. A
 * report that reads another is created after it; one that cannot be created even then names
 * its fault, or the cycle it is part of.
 */
public final class ReportPlanner {

    private static final Pattern RELATION =
            Pattern.compile("\\G(\"?)([A-Za-z_][A-Za-z0-9_$]*)\\1\\s*\\.\\s*(\"?)([A-Za-z_][A-Za-z0-9_$]*)\\3");

    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource replica;
    private final Duration lockTimeout;

    public ReportPlanner(DataSource replica, Duration lockTimeout) {
        this.replica = replica;
        this.lockTimeout = lockTimeout;
    }

    /**
     * @param builtin the names of the built-in reports among {@code files}
     * @param dropRemoved whether reports whose file is gone may be dropped; without it they are
     *     refused with one line that lists them
     * @throws ReportFileException for the first bad file
     */
    public ReportPlan plan(List<ReportFile> files, Set<String> builtin, boolean dropRemoved) {
        try (Connection c = replica.getConnection()) {
            c.setAutoCommit(false);
            try {
                return plan(c, files, builtin, dropRemoved);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException("checking the report files: " + ErrorMessages.serverMessage(e), e);
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(SqlStates.of(e))) {
                throw new WmsAnalyticsException(
                        ExitCode.LOCKED,
                        "migrate could not lock a report or a mirror table within refresh.lock-timeout ("
                                + Durations.human(lockTimeout) + "): a refresh or the apply worker holds it; try again",
                        e);
            }
            throw e;
        }
    }

    private ReportPlan plan(Connection c, List<ReportFile> files, Set<String> builtin, boolean dropRemoved)
            throws SQLException {
        DSLContext db = DSL.using(c, SQLDialect.POSTGRES);
        db.execute("SELECT set_config('lock_timeout', ?, true)", lockTimeout.toMillis() + "ms");
        Map<String, InstalledReports.Installed> installed = new InstalledReports(db).all();
        Map<String, ReportFile> byName = new LinkedHashMap<>();
        files.forEach(f -> byName.put(f.qualified(), f));
        Map<String, Report> catalog = new LinkedHashMap<>();
        new ReportCatalog(db).all().forEach(v -> catalog.put(v.qualified(), v));
        List<InstalledReports.Installed> removed = installed.values().stream()
                .filter(i -> !byName.containsKey(i.qualified()))
                .toList();
        refuseRemoved(removed, dropRemoved);
        refuseTakenNames(db, files, builtin, installed);
        Adoption adoption = new Adoption(c);
        List<ReportFile> unrecorded = files.stream()
                .filter(f -> builtin.contains(f.qualified()) && !installed.containsKey(f.qualified()))
                .toList();
        Set<String> adopted = unrecorded.stream()
                .filter(adoption::standsAsDefined)
                .map(ReportFile::qualified)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> replaced = unrecorded.stream()
                .map(ReportFile::qualified)
                .filter(r -> !adopted.contains(r) && catalog.containsKey(r))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> ownChanged = files.stream()
                .filter(f -> installed.containsKey(f.qualified()))
                .filter(f -> !installed.get(f.qualified()).ownFingerprint().equals(f.fingerprint()))
                .map(ReportFile::qualified)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> seeds = new TreeSet<>(ownChanged);
        seeds.addAll(replaced);
        removed.forEach(r -> seeds.add(r.qualified()));
        List<String> affected = ReportOrder.readersFirst(ReportOrder.closure(seeds, catalog), catalog);
        // A built-in report that stands as defined but reads one rebuilt here is rebuilt with it.
        adopted.removeAll(affected);
        ReportDdl ddl = new ReportDdl(c);
        for (String report : affected) {
            drop(ddl, report, byName, installed);
        }
        List<ReportFile> toCreate = files.stream()
                .filter(f -> !installed.containsKey(f.qualified()) || affected.contains(f.qualified()))
                .filter(f -> !adopted.contains(f.qualified()))
                .toList();
        createAll(c, ddl, toCreate);
        Map<String, Set<String>> reads = new HashMap<>();
        new ReportCatalog(db)
                .all().stream()
                        .filter(v -> byName.containsKey(v.qualified()))
                        .forEach(v -> reads.put(
                                v.qualified(),
                                v.dependsOn().stream()
                                        .filter(byName::containsKey)
                                        .collect(Collectors.toSet())));
        List<ReportFile> ordered = ReportOrder.of(files, reads);
        return new ReportPlan(
                ordered,
                ReportOrder.fingerprints(ordered, reads),
                ReportOrder.depths(ordered, reads),
                reads,
                changes(files, installed, new Seeds(ownChanged, adopted, replaced), affected, removed),
                removed,
                adopted,
                builtin);
    }

    private static void refuseRemoved(List<InstalledReports.Installed> removed, boolean dropRemoved) {
        if (!removed.isEmpty() && !dropRemoved) {
            throw new UsageException("the file of "
                    + removed.stream()
                            .map(r -> "report " + r.qualified() + " (" + r.file() + ")")
                            .collect(Collectors.joining(", "))
                    + " is gone; run 'wms-analytics migrate --drop-removed' to drop "
                    + (removed.size() == 1 ? "it" : "them") + ", or put the file back");
        }
    }

    /**
     * A new report may not take the name of a relation that no report file made. A built-in
     * report may: an earlier version made it with a versioned migration.
     */
    private static void refuseTakenNames(
            DSLContext db,
            List<ReportFile> files,
            Set<String> builtin,
            Map<String, InstalledReports.Installed> installed) {
        for (ReportFile f : files) {
            if (!installed.containsKey(f.qualified())
                    && !builtin.contains(f.qualified())
                    && db.fetchExists(db.selectOne()
                            .from("pg_class c")
                            .join("pg_namespace n")
                            .on("n.oid = c.relnamespace")
                            .where("n.nspname = ? AND c.relname = ?", f.schema(), f.name()))) {
                throw f.fault(
                        f.lineOf("name"),
                        f.qualified() + " already exists and was not made from a report file; choose another"
                                + " name");
            }
        }
    }

    private static void drop(
            ReportDdl ddl,
            String report,
            Map<String, ReportFile> byName,
            Map<String, InstalledReports.Installed> installed) {
        String[] parts = report.split("\\.", 2);
        if (!byName.containsKey(report) && !installed.containsKey(report)) {
            throw new UsageException("report " + report + " reads a report this migrate rebuilds or drops, and was"
                    + " not made from a report file; drop it, or make it a report file too");
        }
        try {
            ddl.drop(parts[0], parts[1]);
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(SqlStates.of(e))) {
                throw e;
            }
            String why = "2BP01".equals(SqlStates.of(e))
                    ? "objects that are not report files read it (" + ErrorMessages.serverMessage(e)
                            + "); drop them first"
                    : ErrorMessages.serverMessage(e);
            ReportFile file = byName.get(report);
            if (file == null) {
                throw new UsageException("report " + report + " cannot be dropped: " + why);
            }
            throw file.fault(file.lineOf("name"), "report " + report + " cannot be rebuilt: " + why);
        }
    }

    /** Creates the reports without data, each after the reports it reads. */
    private static void createAll(Connection c, ReportDdl ddl, List<ReportFile> toCreate) throws SQLException {
        List<ReportFile> pending = new ArrayList<>(toCreate);
        while (!pending.isEmpty()) {
            Set<String> pendingNames =
                    pending.stream().map(ReportFile::qualified).collect(Collectors.toSet());
            Map<String, Waiting> waiting = new LinkedHashMap<>();
            List<ReportFile> next = new ArrayList<>();
            for (ReportFile f : pending) {
                Savepoint savepoint = c.setSavepoint();
                try {
                    ddl.create(f, false);
                    c.releaseSavepoint(savepoint);
                } catch (ReportDdl.Rejected r) {
                    c.rollback(savepoint);
                    Optional<String> reads = missingReport(f, r, pendingNames);
                    if (reads.isEmpty()) {
                        throw f.fault(f.lineAt(r.offset.orElse(0)), r.getMessage());
                    }
                    waiting.put(f.qualified(), new Waiting(f, reads.get(), f.lineAt(r.offset.orElse(0))));
                    next.add(f);
                } catch (RuntimeException e) {
                    c.rollback(savepoint);
                    throw e;
                }
            }
            if (next.size() == pending.size()) {
                throw cycle(waiting);
            }
            pending = next;
        }
    }

    private record Waiting(ReportFile file, String reads, int line) {}

    /** The report named where the server found an undefined relation, when it is one still to create. */
    private static Optional<String> missingReport(ReportFile f, ReportDdl.Rejected r, Set<String> pending) {
        if (!SqlStates.UNDEFINED_TABLE.equals(r.sqlState) || r.offset.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = RELATION.matcher(f.query());
        if (!m.find(r.offset.get())) {
            return Optional.empty();
        }
        String name = part(m.group(1), m.group(2)) + "." + part(m.group(3), m.group(4));
        return pending.contains(name) ? Optional.of(name) : Optional.empty();
    }

    private static String part(String quote, String identifier) {
        return quote.isEmpty() ? identifier.toLowerCase(java.util.Locale.ROOT) : identifier;
    }

    private static ReportFileException cycle(Map<String, Waiting> waiting) {
        Waiting first = waiting.values().iterator().next();
        List<String> path = new ArrayList<>(List.of(first.file().qualified()));
        Waiting at = first;
        while (!path.contains(at.reads())) {
            path.add(at.reads());
            at = waiting.get(at.reads());
        }
        path.add(at.reads());
        return first.file()
                .fault(
                        first.line(),
                        String.join(" reads ", path) + ": a dependency cycle; no report can be created first");
    }

    /** Why reports are created or rebuilt: their own file changed, or a built-in one is first recorded. */
    private record Seeds(Set<String> ownChanged, Set<String> adopted, Set<String> replaced) {}

    private static List<String> changes(
            List<ReportFile> files,
            Map<String, InstalledReports.Installed> installed,
            Seeds seeds,
            List<String> affected,
            List<InstalledReports.Installed> removed) {
        List<String> changes = new ArrayList<>();
        files.stream()
                .filter(f -> !installed.containsKey(f.qualified()))
                .filter(f -> !seeds.adopted().contains(f.qualified())
                        && !seeds.replaced().contains(f.qualified()))
                .forEach(f -> changes.add("report " + f.qualified() + ": new (" + f.path() + ")"));
        seeds.adopted().forEach(r -> changes.add("report " + r + ": built in, kept as it stands"));
        seeds.replaced().forEach(r -> changes.add("report " + r + ": built in and changed, so it is rebuilt"));
        seeds.ownChanged().forEach(r -> changes.add("report " + r + ": its file changed, so it is rebuilt"));
        affected.stream()
                .filter(r ->
                        !seeds.ownChanged().contains(r) && !seeds.replaced().contains(r))
                .filter(r -> removed.stream().noneMatch(x -> x.qualified().equals(r)))
                .sorted()
                .forEach(r -> changes.add("report " + r + ": it reads a changed report, so it is rebuilt"));
        removed.forEach(
                r -> changes.add("report " + r.qualified() + ": its file " + r.file() + " is gone, so it is dropped"));
        return changes;
    }
}
