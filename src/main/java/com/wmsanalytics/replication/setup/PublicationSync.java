package com.wmsanalytics.replication.setup;

import static org.jooq.impl.DSL.list;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.replication.server.ServerProbe;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.QueryPart;
import org.jooq.Record;

/** Creates a publication, or brings its tables and operations up to date. */
final class PublicationSync {

    private final DSLContext db;
    private final ServerProbe probe;

    PublicationSync(DSLContext db) {
        this.db = db;
        this.probe = new ServerProbe(db);
    }

    /** Returns what it changed, or empty when the publication was already up to date. */
    Optional<String> ensure(String publication, List<String> tables) {
        Record pub = db.fetchOne(
                "SELECT puballtables, pubinsert AND pubupdate AND pubdelete AND pubtruncate AS every_action"
                        + " FROM pg_publication WHERE pubname = ?",
                publication);
        if (pub == null) {
            db.execute(query("CREATE PUBLICATION {0} FOR TABLE {1}", name(publication), tableList(tables)));
            return Optional.of("created publication " + publication + " with " + tables.size() + " tables");
        }
        if (!pub.get("every_action", Boolean.class)) {
            db.execute(query(
                    "ALTER PUBLICATION {0} SET (publish = 'insert, update, delete, truncate')", name(publication)));
            return Optional.of("publication " + publication + " now publishes insert, update, delete and truncate");
        }
        if (pub.get("puballtables", Boolean.class) || tables.equals(probe.publishedTables(publication))) {
            return Optional.empty();
        }
        db.execute(query("ALTER PUBLICATION {0} SET TABLE {1}", name(publication), tableList(tables)));
        return Optional.of("publication " + publication + " now holds " + tables.size() + " tables");
    }

    private static QueryPart tableList(List<String> tables) {
        return list(tables.stream().map(PublicationSync::qualified).toArray(Name[]::new));
    }

    private static Name qualified(String table) {
        String[] parts = table.split("\\.", 2);
        return name(parts[0], parts[1]);
    }
}
