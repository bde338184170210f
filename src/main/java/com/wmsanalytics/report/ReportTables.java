package com.wmsanalytics.report;

import static org.jooq.impl.DSL.name;

/** What every table-backed report file gets once its table and rows function exist. */
final class ReportTables {

    private ReportTables() {}

    /** Its primary key (the unique key), its owner (the refresher) and BI's grant. */
    static void finish(MirrorDdl mirror, ReportFile file, String rowsArguments) {
        mirror.exec("ALTER TABLE " + ReportDdl.relation(file) + " ADD PRIMARY KEY ("
                + String.join(
                        ", ",
                        file.uniqueKey().stream().map(c -> name(c).toString()).toList()) + ")");
        mirror.exec("ALTER TABLE " + ReportDdl.relation(file) + " OWNER TO " + name(ReportDdl.REFRESHER));
        mirror.exec("ALTER FUNCTION " + MirrorDdl.rowsFunction(file) + rowsArguments + " OWNER TO "
                + name(ReportDdl.REFRESHER));
        mirror.exec("GRANT SELECT ON " + ReportDdl.relation(file) + " TO " + name(ReportDdl.BI_READER));
    }
}
