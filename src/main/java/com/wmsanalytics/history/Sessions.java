package com.wmsanalytics.history;

import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** jOOQ on one session, for work that relies on session-level advisory locks. */
final class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);

    private Sessions() {}

    static DSLContext of(Connection session) {
        // Through a ConnectionProvider: the (Connection, ...) overloads of DSL.using make javac
        // read jOOQ's JAXB-annotated Settings, whose annotations are not on the compile path.
        return DSL.using(new DefaultConnectionProvider(session), SQLDialect.POSTGRES);
    }

    /** Returns the session to its pool; a session that cannot even be closed is gone anyway. */
    static void close(Connection session) {
        try {
            session.close();
        } catch (SQLException e) {
            log.debug("cannot close a history session", e);
        }
    }
}
