package com.wmsanalytics.refresh;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads the replica's materialized views, their refresh mode, group and dependencies. */
public final class ViewCatalog {

    private static final String VIEWS = "SELECT c.oid::bigint, n.nspname, c.relname, c.relispopulated,"
            + " EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid"
            + "   AND i.indpred IS NULL AND i.indexprs IS NULL)"
            + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind = 'm' ORDER BY 2, 3";

    /** Materialized view → materialized view edges, followed through plain views (as pg_dump does). */
    private static final String DEPENDENCIES = "WITH RECURSIVE edges AS ("
            + "  SELECT DISTINCT r.ev_class AS dependent, d.refobjid AS dependency FROM pg_depend d"
            + "  JOIN pg_rewrite r ON r.oid = d.objid"
            + "  WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass"
            + "    AND d.refobjid <> r.ev_class),"
            + " reach AS ("
            + "  SELECT e.dependent AS mv, e.dependency FROM edges e"
            + "  JOIN pg_class c ON c.oid = e.dependent AND c.relkind = 'm'"
            + "  UNION"
            + "  SELECT r.mv, e.dependency FROM reach r"
            + "  JOIN pg_class v ON v.oid = r.dependency AND v.relkind = 'v'"
            + "  JOIN edges e ON e.dependent = r.dependency)"
            + " SELECT r.mv::bigint, r.dependency::bigint FROM reach r"
            + " JOIN pg_class m ON m.oid = r.dependency AND m.relkind = 'm'";

    private final DSLContext db;
    private final RefreshGroups groups;

    public ViewCatalog(DSLContext db) {
        this.db = db;
        this.groups = new RefreshGroups(db);
    }

    /** Every materialized view, ordered by schema and name. */
    public List<MaterializedView> all() {
        Map<Long, String> names = new HashMap<>();
        List<Record> rows = db.fetch(VIEWS);
        rows.forEach(r -> names.put(r.get(0, Long.class), r.get(1, String.class) + "." + r.get(2, String.class)));
        Map<Long, Set<String>> deps = new HashMap<>();
        db.fetch(DEPENDENCIES).forEach(r -> deps.computeIfAbsent(r.get(0, Long.class), k -> new HashSet<>())
                .add(names.get(r.get(1, Long.class))));
        Map<String, String> groupOf = groups.byView();
        return rows.stream().map(r -> view(r, groupOf, deps)).toList();
    }

    private static MaterializedView view(Record r, Map<String, String> groupOf, Map<Long, Set<String>> deps) {
        long oid = r.get(0, Long.class);
        String qualified = r.get(1, String.class) + "." + r.get(2, String.class);
        return new MaterializedView(oid, r.get(1, String.class), r.get(2, String.class), r.get(3, Boolean.class),
                r.get(4, Boolean.class), Optional.ofNullable(groupOf.get(qualified)), deps.getOrDefault(oid, Set.of()));
    }

    /** What a relation of that name is, when it is not a materialized view: "a table", "a view". */
    Optional<String> kindOf(String schema, String name) {
        return db.fetchOptional("SELECT CASE c.relkind WHEN 'r' THEN 'a table' WHEN 'v' THEN 'a view'"
                        + " WHEN 'p' THEN 'a partitioned table' WHEN 'f' THEN 'a foreign table' WHEN 'S' THEN 'a sequence'"
                        + " WHEN 'i' THEN 'an index' ELSE 'not a materialized view' END"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?",
                        schema, name)
                .map(r -> r.get(0, String.class));
    }
}
