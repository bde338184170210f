package com.wmsanalytics.replication.server;

import com.wmsanalytics.db.SqlColumn;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Read-only facts about one server: settings, the login role and its tables. */
public final class ServerProbe {

    private static final SqlColumn<String> SETTING_NAME = SqlColumn.of("name", String.class);
    private static final SqlColumn<String> SETTING = SqlColumn.of("setting", String.class);
    private static final SqlColumn<String> ROLE_NAME = SqlColumn.of("rolname", String.class);
    private static final SqlColumn<Boolean> SUPERUSER = SqlColumn.of("rolsuper", Boolean.class);
    private static final SqlColumn<Boolean> REPLICATION = SqlColumn.of("rolreplication", Boolean.class);
    private static final SqlColumn<Boolean> READS_STATS = SqlColumn.of("reads_stats", Boolean.class);
    private static final SqlColumn<Boolean> CREATES_SUBSCRIPTIONS =
            SqlColumn.of("creates_subscriptions", Boolean.class);
    private static final SqlColumn<String> TABLE_NAME = SqlColumn.of("table_name", String.class);
    private static final SqlColumn<String> COLUMN_NAME = SqlColumn.of("column_name", String.class);
    private static final SqlColumn<String> COLUMN_TYPE = SqlColumn.of("column_type", String.class);
    private static final SqlColumn<Integer> N = SqlColumn.of("n", Integer.class);

    /** The attributes of the role this program logs in as. */
    public record Role(
            String name, boolean superuser, boolean replication, boolean readAllStats, boolean createSubscription) {}

    /** One column of a table, as {@code format_type} renders its type. */
    public record Column(String table, String column, String type) {}

    private final DSLContext db;

    public ServerProbe(DSLContext db) {
        this.db = db;
    }

    public Map<String, String> settings(List<String> names) {
        return db
                .fetch("SELECT name, setting FROM pg_settings WHERE name = ANY(?)", (Object)
                        names.toArray(String[]::new))
                .stream()
                .collect(Collectors.toMap(SETTING_NAME::from, SETTING::from));
    }

    public int versionNum() {
        return intValue("SELECT current_setting('server_version_num')::int AS n");
    }

    public Role role() {
        Record r = db.fetchOne(
                "SELECT rolname, rolsuper, rolreplication, pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS reads_stats,"
                        + " EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = 'pg_create_subscription'"
                        + "   AND pg_has_role(current_user, g.oid, 'MEMBER')) AS creates_subscriptions"
                        + " FROM pg_roles WHERE rolname = current_user");
        return new Role(
                ROLE_NAME.from(r),
                SUPERUSER.from(r),
                REPLICATION.from(r),
                READS_STATS.from(r),
                CREATES_SUBSCRIPTIONS.from(r));
    }

    /** Ordinary tables of the schemas, as {@code schema.table}, sorted. */
    public List<String> tables(List<String> schemas) {
        return tablesWhere("true", schemas);
    }

    /** Tables whose UPDATE and DELETE could not be replicated: no key and no replica identity. */
    public List<String> tablesWithoutIdentity(List<String> schemas) {
        return tablesWhere(
                "(c.relreplident = 'n' OR (c.relreplident = 'd' AND NOT EXISTS"
                        + " (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)))",
                schemas);
    }

    /** Tables of the schemas the login role may not add to a publication (it must own them). */
    public List<String> tablesNotOwned(List<String> schemas) {
        return tablesWhere("NOT pg_has_role(current_user, c.relowner, 'USAGE')", schemas);
    }

    /** Tables of the schemas the login role may not SELECT from (or whose schema it may not use). */
    public List<String> tablesNotReadable(List<String> schemas) {
        return tablesWhere(
                "NOT (has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'))", schemas);
    }

    public List<Column> columns(List<String> schemas) {
        return db.fetch(
                        "SELECT format('%s.%s', n.nspname, c.relname) AS table_name, a.attname AS column_name,"
                                + " format_type(a.atttypid, a.atttypmod) AS column_type"
                                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE c.relkind = 'r' AND NOT c.relispartition AND n.nspname = ANY(?)"
                                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, a.attnum",
                        (Object) schemas.toArray(String[]::new))
                .map(r -> new Column(TABLE_NAME.from(r), COLUMN_NAME.from(r), COLUMN_TYPE.from(r)));
    }

    /**
     * Ordinary tables of the schemas that meet {@code condition}, a fixed SQL condition of this
     * class over {@code c} (pg_class) and {@code n} (pg_namespace); the schemas are bound.
     */
    private List<String> tablesWhere(String condition, List<String> schemas) {
        return db.fetch(
                        "SELECT format('%s.%s', n.nspname, c.relname) AS table_name FROM pg_class c"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE c.relkind = 'r' AND NOT c.relispartition AND n.nspname = ANY(?) AND "
                                + condition
                                + " ORDER BY 1",
                        (Object) schemas.toArray(String[]::new))
                .map(TABLE_NAME::from);
    }

    /** The tables a publication holds now, as {@code schema.table}, sorted; empty if none. */
    public List<String> publishedTables(String publication) {
        return db.fetch(
                        "SELECT format('%s.%s', schemaname, tablename) AS table_name FROM pg_publication_tables"
                                + " WHERE pubname = ? ORDER BY 1",
                        publication)
                .map(TABLE_NAME::from);
    }

    public int replicationSlotsUsedExcept(String slot) {
        return intValue("SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name <> ?", slot);
    }

    public int walSendersUsedExcept(String applicationName) {
        return intValue(
                "SELECT count(*)::int AS n FROM pg_stat_replication WHERE application_name <> ?", applicationName);
    }

    private int intValue(String sql, Object... bindings) {
        return N.from(db.fetchOne(sql, bindings));
    }
}
