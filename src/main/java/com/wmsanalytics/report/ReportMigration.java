package com.wmsanalytics.report;

import com.wmsanalytics.refresh.Report;
import com.wmsanalytics.refresh.ReportCatalog;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The repeatable Flyway migration of one report file. Its checksum is the report's
 * fingerprint, so Flyway applies it again when the file, or a report it reads, changed; it
 * then rebuilds the report and the report files that read it, in one transaction. When an
 * earlier migration of the same run has already rebuilt it, it only lets Flyway record it.
 */
final class ReportMigration implements JavaMigration {

    private final ReportPlan plan;
    private final ReportFile file;
    private final Consumer<String> changes;

    ReportMigration(ReportPlan plan, ReportFile file, Consumer<String> changes) {
        this.plan = plan;
        this.file = file;
        this.changes = changes;
    }

    @Override
    public MigrationVersion getVersion() {
        return null;
    }

    @Override
    public String getDescription() {
        return plan.migration(file);
    }

    @Override
    public Integer getChecksum() {
        return checksum(plan.fingerprints().get(file.qualified()));
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        Connection c = context.getConnection();
        DSLContext db = DSL.using(c, SQLDialect.POSTGRES);
        InstalledReports installed = new InstalledReports(db);
        if (installed
                .fingerprint(file)
                .filter(plan.fingerprints().get(file.qualified())::equals)
                .isPresent()) {
            return;
        }
        // The plan compared in a transaction it rolled back; this one compares again in the
        // migration's own, so that a view changed in between is rebuilt rather than adopted.
        if (installed.fingerprint(file).isEmpty()
                && plan.adopted().contains(file.qualified())
                && new Adoption(c).standsAsDefined(file)) {
            installed.record(file, plan.fingerprints().get(file.qualified()), plan.migration(file));
            changes.accept("report " + file.qualified() + ": built in, kept as it stands");
            return;
        }
        Set<String> stale = new TreeSet<>();
        stale.add(file.qualified());
        plan.readersOf(file.qualified()).stream()
                .filter(r -> !installed
                        .fingerprint(r)
                        .filter(plan.fingerprints().get(r.qualified())::equals)
                        .isPresent())
                .forEach(r -> stale.add(r.qualified()));
        Map<String, Report> catalog = new LinkedHashMap<>();
        new ReportCatalog(db).all().forEach(v -> catalog.put(v.qualified(), v));
        Set<String> toDrop = ReportOrder.closure(stale, catalog).stream()
                .filter(catalog::containsKey)
                .collect(Collectors.toCollection(TreeSet::new));
        ReportDdl ddl = new ReportDdl(c);
        for (String report : ReportOrder.readersFirst(toDrop, catalog)) {
            String[] parts = report.split("\\.", 2);
            ddl.drop(parts[0], parts[1]);
        }
        stale.addAll(toDrop);
        for (ReportFile f : plan.ordered()) {
            if (stale.contains(f.qualified())) {
                create(ddl, installed, f, toDrop.contains(f.qualified()));
            }
        }
    }

    private void create(ReportDdl ddl, InstalledReports installed, ReportFile f, boolean existed) {
        try {
            ddl.create(f, true);
        } catch (ReportDdl.Rejected r) {
            throw f.fault(f.lineAt(r.offset.orElse(0)), r.getMessage());
        }
        installed.record(f, plan.fingerprints().get(f.qualified()), plan.migration(f));
        changes.accept("report " + f.qualified() + ": " + (existed ? "rebuilt" : "created") + " from " + f.path());
    }

    static int checksum(String hex) {
        return (int) Long.parseLong(hex.substring(0, 8), 16);
    }

    /** The migration that drops a report whose file is gone, under the description it was installed with. */
    static JavaMigration removal(InstalledReports.Installed report, Consumer<String> changes) {
        return new JavaMigration() {
            @Override
            public MigrationVersion getVersion() {
                return null;
            }

            @Override
            public String getDescription() {
                return report.migration();
            }

            @Override
            public Integer getChecksum() {
                return checksum(
                        ReportFileParser.sha256(("removed " + report.fingerprint()).getBytes(StandardCharsets.UTF_8)));
            }

            @Override
            public boolean canExecuteInTransaction() {
                return true;
            }

            @Override
            public void migrate(Context context) {
                DSLContext db = DSL.using(context.getConnection(), SQLDialect.POSTGRES);
                InstalledReports installed = new InstalledReports(db);
                Map<String, Report> catalog = new LinkedHashMap<>();
                new ReportCatalog(db).all().forEach(v -> catalog.put(v.qualified(), v));
                ReportDdl ddl = new ReportDdl(context.getConnection());
                Set<String> gone = ReportOrder.closure(Set.of(report.qualified()), catalog).stream()
                        .filter(catalog::containsKey)
                        .collect(Collectors.toCollection(TreeSet::new));
                for (String r : ReportOrder.readersFirst(gone, catalog)) {
                    String[] parts = r.split("\\.", 2);
                    ddl.drop(parts[0], parts[1]);
                    installed.forget(parts[0], parts[1]);
                    changes.accept("report " + r + ": dropped, as its file is gone");
                }
                installed.forget(report.schema(), report.name());
            }
        };
    }

    /** The migrations of a plan: one per file, then one per removed report. */
    static List<JavaMigration> of(ReportPlan plan, Consumer<String> changes) {
        List<JavaMigration> all = new ArrayList<>();
        plan.ordered().forEach(f -> all.add(new ReportMigration(plan, f, changes)));
        plan.removed().forEach(r -> all.add(removal(r, changes)));
        return all;
    }
}
