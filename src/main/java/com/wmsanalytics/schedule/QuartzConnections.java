package com.wmsanalytics.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Hands Quartz's JDBC JobStore connections from a HikariCP pool of ours. Registered under a
 * name of its own, so several schedulers in one JVM (as in tests) never share one.
 */
final class QuartzConnections implements ConnectionProvider {

    private final DataSource pool;
    private final String name = "wms-analytics-" + UUID.randomUUID();

    private QuartzConnections(DataSource pool) {
        this.pool = pool;
    }

    /** Registers the pool with Quartz and returns the data source name to configure. */
    static String register(DataSource pool) {
        QuartzConnections provider = new QuartzConnections(pool);
        DBConnectionManager.getInstance().addConnectionProvider(provider.name, provider);
        return provider.name;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void shutdown() {
        // The pool belongs to the service, which closes it after the scheduler has stopped.
    }

    @Override
    public void initialize() {
        // Nothing to do: the pool is open already.
    }
}
