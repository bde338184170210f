package com.wmsanalytics.db;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.PublisherConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** The connection pools to the replica and the publishers, opened on first use. */
public final class Servers implements AutoCloseable {

    private static final int PUBLISHER_POOL_SIZE = 2;
    /** How long a health probe waits for the replica: a probe must answer within a second. */
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(250);

    private final AppConfig config;
    private final MetricsTrackerFactory metrics;
    private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();

    public Servers(AppConfig config) {
        this(config, null);
    }

    /** @param metrics where the pools report their metrics, or null */
    public Servers(AppConfig config, MetricsTrackerFactory metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    public synchronized DataSource replica() {
        DataSource pool = pools.computeIfAbsent(
                "replica",
                label -> Pools.open(label, config.replica(), config.poolSize(), config.connectTimeout(), metrics));
        JooqWarmup.await();
        return pool;
    }

    /**
     * One connection to the replica for health probes, which gives up after a quarter of a
     * second where the main pool waits {@code replica.connect-timeout}. Opening it fails fast
     * too, and is tried again by the next probe.
     */
    public synchronized DataSource replicaProbe() {
        return pools.computeIfAbsent(
                "replica probe", label -> Pools.open(label, config.replica(), 1, PROBE_TIMEOUT, null));
    }

    /**
     * Retires the replica's pooled connections, in use ones once they are returned: the node they
     * lead to has turned out to be a standby, and with a multi-host URL the next connections go
     * to the writable node. A connection to a stopped node needs none of this: it fails, and
     * the pool drops it.
     */
    public synchronized void evictReplica() {
        for (String label : new String[] {"replica", "replica probe"}) {
            HikariDataSource pool = pools.get(label);
            if (pool != null && pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    public synchronized DataSource publisher(String name) {
        PublisherConfig p = config.publisher(name);
        DataSource pool = pools.computeIfAbsent(
                "publisher " + name,
                label -> Pools.open(label, p.endpoint(), PUBLISHER_POOL_SIZE, config.connectTimeout(), metrics));
        JooqWarmup.await();
        return pool;
    }

    public DSLContext replicaDsl() {
        return dsl(replica());
    }

    public DSLContext publisherDsl(String name) {
        return dsl(publisher(name));
    }

    /** Every configured publisher with its connection, in configuration order. */
    public Map<PublisherConfig, DSLContext> publisherDsls() {
        Map<PublisherConfig, DSLContext> all = new LinkedHashMap<>();
        config.publishers().forEach(p -> all.put(p, publisherDsl(p.name())));
        return all;
    }

    public static DSLContext dsl(DataSource dataSource) {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    @Override
    public synchronized void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
