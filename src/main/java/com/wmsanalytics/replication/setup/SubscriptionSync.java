package com.wmsanalytics.replication.setup;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.query;

import com.wmsanalytics.ExitCode;
import com.wmsanalytics.WmsAnalyticsException;
import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.db.ConnectionException;
import com.wmsanalytics.db.ErrorMessages;
import com.wmsanalytics.db.SqlStates;
import com.wmsanalytics.replication.server.Conninfo;
import com.wmsanalytics.replication.server.ThisDatabase;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/**
 * Creates the replica's subscription to one publisher, or brings it up to date: its
 * connection, its publication, enabled, and its tables refreshed from the publication.
 */
final class SubscriptionSync {

    private static final String SUBSCRIPTION =
            "SELECT s.subenabled, s.subpublications FROM pg_subscription s WHERE s.subname = ? AND "
                    + ThisDatabase.SUBSCRIPTION;

    private final DSLContext db;
    private final TableMoves moves;

    SubscriptionSync(DSLContext db) {
        this.db = db;
        this.moves = new TableMoves(db);
    }

    /** Returns one line per change; empty when the subscription was up to date. */
    List<String> ensure(PublisherConfig p, Conninfo conninfo, List<String> publishedTables) {
        String sub = p.subscription();
        Record row = db.fetchOne(SUBSCRIPTION, sub);
        if (row == null) {
            List<String> emptied = moves.emptyForCopy(sub, publishedTables);
            withConninfo(
                    conninfo,
                    "create subscription " + sub,
                    () -> db.execute(query(
                            "CREATE SUBSCRIPTION {0} CONNECTION {1} PUBLICATION {2}"
                                    + (p.failover() ? " WITH (failover = true)" : ""),
                            name(sub),
                            inline(conninfo.reveal()),
                            name(p.publication()))));
            ResyncMarks.markReportsForRebuild(db, "subscription " + sub + " copied the wms tables");
            List<String> changes = new ArrayList<>(emptied);
            changes.add("created subscription " + sub + (p.failover() ? " with slot failover" : "") + " to "
                    + conninfo.masked());
            return changes;
        }
        List<String> changes = new ArrayList<>();
        if (storedConninfo(sub)
                .filter(stored -> !stored.equals(conninfo.reveal()))
                .isPresent()) {
            withConninfo(
                    conninfo,
                    "change the connection of subscription " + sub,
                    () -> db.execute(
                            query("ALTER SUBSCRIPTION {0} CONNECTION {1}", name(sub), inline(conninfo.reveal()))));
            changes.add("subscription " + sub + " now connects to " + conninfo.masked());
        }
        if (!Arrays.asList(row.get("subpublications", String[].class)).equals(List.of(p.publication()))) {
            db.execute(query("ALTER SUBSCRIPTION {0} SET PUBLICATION {1}", name(sub), name(p.publication())));
            changes.add("subscription " + sub + " now follows publication " + p.publication());
        }
        if (!row.get("subenabled", Boolean.class)) {
            db.execute(query("ALTER SUBSCRIPTION {0} ENABLE", name(sub)));
            changes.add("enabled subscription " + sub);
        }
        List<String> subscribed = moves.subscribed(sub);
        if (!publishedTables.equals(subscribed)) {
            changes.addAll(moves.emptyForCopy(
                    sub,
                    publishedTables.stream()
                            .filter(t -> !subscribed.contains(t))
                            .toList()));
            db.execute(query("ALTER SUBSCRIPTION {0} REFRESH PUBLICATION", name(sub)));
            ResyncMarks.markReportsForRebuild(db, "subscription " + sub + " copied newly published tables");
            changes.add(
                    "subscription " + sub + " refreshed to the publication's " + publishedTables.size() + " tables");
        }
        return changes;
    }

    /**
     * Runs a statement whose text holds the conninfo, password included. jOOQ puts the SQL into
     * its error messages, so a failure is reported from the server's own message, with the
     * conninfo masked, and the jOOQ exception is not kept as the cause.
     */
    private static void withConninfo(Conninfo conninfo, String action, Runnable statement) {
        try {
            statement.run();
        } catch (DataAccessException e) {
            SQLException server = e.getCause(SQLException.class);
            String reason = server == null ? "failed" : ErrorMessages.serverMessage(server);
            String message = "cannot " + action + " (" + conninfo.masked() + "): " + reason;
            throw SqlStates.isConnectionFailure(server)
                    ? new ConnectionException(message, null)
                    : new WmsAnalyticsException(ExitCode.FAILED, message);
        }
    }

    /** The stored conninfo; only a superuser may read it, so others leave it as it is. */
    Optional<String> storedConninfo(String sub) {
        try {
            return Optional.of(db.fetchOne(
                            "SELECT s.subconninfo FROM pg_subscription s WHERE s.subname = ? AND "
                                    + ThisDatabase.SUBSCRIPTION,
                            sub)
                    .get("subconninfo", String.class));
        } catch (DataAccessException e) {
            if (SqlStates.INSUFFICIENT_PRIVILEGE.equals(SqlStates.of(e))) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
