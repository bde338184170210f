package com.wmsanalytics.db;

import com.wmsanalytics.config.Endpoint;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.postgresql.Driver;

/**
 * One short-lived connection to one server, outside the pools: for reading a few facts from
 * each host of a multi-host URL, whichever role it has.
 */
public final class OneConnection {

    private OneConnection() {}

    /**
     * Connects, hands the connection to {@code work} and closes it.
     *
     * @throws ConnectionException when the server cannot be reached, refuses the login or goes
     *     away during {@code work}
     */
    public static <T> T with(String label, Endpoint endpoint, Duration timeout, Function<DSLContext, T> work) {
        JooqWarmup.await();
        try (Connection c = new Driver().connect(endpoint.url(), properties(endpoint, timeout))) {
            return work.apply(DSL.using(c, SQLDialect.POSTGRES));
        } catch (SQLException e) {
            throw failed(label, endpoint, e);
        } catch (DataAccessException e) {
            if (SqlStates.isConnectionFailure(e)) {
                throw failed(label, endpoint, e);
            }
            throw e;
        }
    }

    private static ConnectionException failed(String label, Endpoint endpoint, Exception e) {
        return new ConnectionException(
                "cannot connect to " + label + " (" + endpoint.describe() + "): " + ErrorMessages.serverMessage(e), e);
    }

    private static Properties properties(Endpoint endpoint, Duration timeout) {
        Properties p = new Properties();
        p.setProperty("user", endpoint.user());
        endpoint.password().reveal().ifPresent(pass -> p.setProperty("password", pass));
        p.setProperty("ApplicationName", Pools.APPLICATION_NAME);
        p.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        return p;
    }
}
