package com.wmsanalytics.report;

import static org.jooq.impl.DSL.name;

/** What every table-backed report file gets once its table and rows function exist. */
final class ReportTables {

    /** What follows the query in the statement that creates the table of a report kept by key or of kind table. */
    static final String TABLE_SUFFIX = "\nWITH NO DATA";

    private ReportTables() {}

    /** The start of that statement: the query follows it, then {@link #TABLE_SUFFIX}. */
    static String tablePrefix(ReportFile file) {
        return "CREATE TABLE " + ReportDdl.relation(file) + " AS\n";
    }

    /** Its primary key (the unique key, when it has one), its owner (the refresher) and BI's grant. */
    static void finish(MirrorDdl mirror, ReportFile file, String rowsArguments) {
        if (!file.uniqueKey().isEmpty()) {
            primaryKey(mirror, file);
        }
        mirror.exec("ALTER TABLE " + ReportDdl.relation(file) + " OWNER TO " + name(ReportDdl.REFRESHER));
        mirror.exec("ALTER FUNCTION " + MirrorDdl.rowsFunction(file) + rowsArguments + " OWNER TO "
                + name(ReportDdl.REFRESHER));
        mirror.exec("GRANT SELECT ON " + ReportDdl.relation(file) + " TO " + name(ReportDdl.BI_READER));
    }

    private static void primaryKey(MirrorDdl mirror, ReportFile file) {
        mirror.exec("ALTER TABLE " + ReportDdl.relation(file) + " ADD PRIMARY KEY ("
                + String.join(
                        ", ",
                        file.uniqueKey().stream().map(c -> name(c).toString()).toList()) + ")");
    }
}
