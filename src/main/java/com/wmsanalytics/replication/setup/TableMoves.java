package com.wmsanalytics.replication.setup;

import static org.jooq.impl.DSL.list;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;
import static org.jooq.impl.DSL.table;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.replication.server.ServerProbe;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.QueryPart;

/**
 * Tables that move from one subscription of this database to another when the publishers'
 * {@code tables} keys change, as when one primary is split over two subscriptions. Every
 * subscription first stops replicating the tables its entry no longer publishes ({@link
 * #release}); the subscription that takes a table over then copies it whole, into a mirror table
 * emptied first ({@link #emptyForCopy}). The copy is taken after the release, so no change is
 * applied twice and none is lost; the copy marks the reports for a full rebuild.
 */
final class TableMoves {

    private final DSLContext replica;

    TableMoves(DSLContext replica) {
        this.replica = replica;
    }

    /**
     * Drops from the entry's publication, and from its subscription without a copy, the tables
     * the subscription replicates that the entry no longer publishes. Returns one line per
     * change; none when the subscription is new or keeps all its tables.
     */
    List<String> release(PublisherConfig p, DSLContext publisher, List<String> published) {
        String sub = p.subscription();
        List<String> released =
                subscribed(sub).stream().filter(t -> !published.contains(t)).toList();
        // A disabled subscription cannot refresh; SubscriptionSync enables it, then drops them.
        // A publication FOR ALL TABLES, made by hand, cannot leave a table out.
        if (released.isEmpty() || !enabled(sub) || forAllTables(publisher, p.publication())) {
            return List.of();
        }
        List<String> inPublication = new ServerProbe(publisher).publishedTables(p.publication());
        List<String> dropped = released.stream().filter(inPublication::contains).toList();
        if (!dropped.isEmpty()) {
            publisher.execute(query("ALTER PUBLICATION {0} DROP TABLE {1}", name(p.publication()), tables(dropped)));
        }
        replica.execute(query("ALTER SUBSCRIPTION {0} REFRESH PUBLICATION WITH (copy_data = false)", name(sub)));
        return List.of((dropped.isEmpty() ? "" : "publication " + p.publication() + " and ") + "subscription " + sub
                + " no longer carry " + String.join(", ", released));
    }

    private static boolean forAllTables(DSLContext publisher, String publication) {
        return publisher.fetchExists(
                publisher.selectOne().from("pg_publication").where("pubname = ? AND puballtables", publication));
    }

    private boolean enabled(String sub) {
        return replica.fetchExists(replica.selectOne()
                .from("pg_subscription s")
                .where("s.subname = ? AND s.subenabled AND " + ThisDatabase.SUBSCRIPTION, sub));
    }

    /**
     * Empties, before {@code sub} copies them whole, those of {@code toCopy} that hold rows and
     * that no other subscription of this database replicates: rows left by the subscription
     * that replicated them before. A table another subscription replicates keeps its rows, as
     * when two primaries feed one table. Returns one line per change.
     */
    List<String> emptyForCopy(String sub, List<String> toCopy) {
        List<String> emptied = new ArrayList<>();
        for (String table : toCopy) {
            boolean elsewhere = replica.fetchExists(replica.selectOne()
                    .from("pg_subscription_rel sr JOIN pg_subscription s ON s.oid = sr.srsubid")
                    .where(
                            "sr.srrelid = to_regclass(?) AND s.subname <> ? AND " + ThisDatabase.SUBSCRIPTION,
                            table,
                            sub));
            if (!elsewhere && replica.fetchExists(replica.selectOne().from(table(qualified(table))))) {
                emptied.add(table);
            }
        }
        if (emptied.isEmpty()) {
            return List.of();
        }
        replica.execute(query("TRUNCATE {0}", tables(emptied)));
        return List.of("emptied " + String.join(", ", emptied) + ", left by the subscription that replicated them,"
                + " for subscription " + sub + " to copy them whole");
    }

    /** The tables the subscription replicates now, {@code schema.table}, sorted; none when it does not exist. */
    List<String> subscribed(String sub) {
        return replica.fetch(
                        "SELECT format('%s.%s', n.nspname, c.relname) AS table_name FROM pg_subscription_rel sr"
                                + " JOIN pg_subscription s ON s.oid = sr.srsubid JOIN pg_class c ON c.oid = sr.srrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE s.subname = ? AND "
                                + ThisDatabase.SUBSCRIPTION
                                + " ORDER BY 1",
                        sub)
                .getValues("table_name", String.class);
    }

    private static QueryPart tables(List<String> tables) {
        return list(tables.stream().map(TableMoves::qualified).toArray(Name[]::new));
    }

    private static Name qualified(String table) {
        String[] parts = table.split("\\.", 2);
        return name(parts[0], parts[1]);
    }
}
