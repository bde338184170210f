package com.wmsanalytics.db;

import com.wmsanalytics.config.Endpoint;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;

/** Opens HikariCP pools. A server that cannot be reached fails here, with one clear line. */
public final class Pools {

    /** What pg_stat_activity shows for our sessions: the program and its process id. */
    public static final String APPLICATION_NAME =
            "wms-analytics/" + ProcessHandle.current().pid();

    private Pools() {}

    /**
     * Opens a pool and checks that one connection can be made.
     *
     * @param label what the server is to the user, e.g. {@code replica} or {@code publisher wms}
     */
    public static HikariDataSource open(String label, Endpoint endpoint, int size, Duration connectTimeout) {
        return open(label, endpoint, size, connectTimeout, null);
    }

    /** As above, reporting the pool's metrics to {@code metrics} when it is not null. */
    public static HikariDataSource open(
            String label, Endpoint endpoint, int size, Duration connectTimeout, MetricsTrackerFactory metrics) {
        HikariConfig config = new HikariConfig();
        if (metrics != null) {
            config.setMetricsTrackerFactory(metrics);
        }
        config.setPoolName(label.replace(' ', '-'));
        config.setJdbcUrl(endpoint.url());
        config.setUsername(endpoint.user());
        endpoint.password().reveal().ifPresent(config::setPassword);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        config.addDataSourceProperty("connectTimeout", Math.max(1, connectTimeout.toSeconds()));
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new ConnectionException(
                    "cannot connect to " + label + " (" + endpoint.describe() + "): " + reason(e), e);
        }
    }

    private static String reason(Throwable e) {
        return ErrorMessages.firstLine(e.getCause() == null ? e : e.getCause());
    }
}
