package com.wmsanalytics.replication.server;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.wmsanalytics.config.PublisherConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Row counts of every published table on its publisher and on the replica. */
public final class TableCounts {

    /** One table's row count on both sides. */
    public record Row(String table, long publisher, long replica) {
        public boolean matches() {
            return publisher == replica;
        }
    }

    private TableCounts() {}

    public static List<Row> compare(PublisherConfig config, DSLContext publisher, DSLContext replica) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String t : config.published(new ServerProbe(publisher).tables(config.schemas()))) {
            rows.put(t, new Row(t, count(publisher, t), count(replica, t)));
        }
        return List.copyOf(rows.values());
    }

    private static long count(DSLContext db, String qualified) {
        String[] parts = qualified.split("\\.", 2);
        return db.fetchCount(table(name(parts[0], parts[1])));
    }
}
