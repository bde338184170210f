package com.wmsanalytics.schedule;

import com.wmsanalytics.config.SchedulerSettings;
import java.util.Properties;

/**
 * Quartz's settings: the JDBC JobStore in {@code analytics_control} with the PostgreSQL
 * delegate, clustered with an automatic instance id, so several service instances share the
 * schedule and each firing runs once; its failover grace is ours ({@link ClusterJobStore}).
 */
final class QuartzProperties {

    private QuartzProperties() {}

    static Properties of(SchedulerSettings settings, String dataSource) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", settings.instanceName());
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(settings.threads()));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", ClusterJobStore.class.getName());
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "analytics_control.qrtz_");
        p.setProperty("org.quartz.jobStore.dataSource", dataSource);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty(
                "org.quartz.jobStore.clusterCheckinInterval",
                String.valueOf(settings.clusterCheckinInterval().toMillis()));
        p.setProperty(
                "org.quartz.jobStore.failoverGraceMillis",
                String.valueOf(settings.clusterFailoverGrace().toMillis()));
        p.setProperty(
                "org.quartz.jobStore.misfireThreshold",
                String.valueOf(settings.misfireThreshold().toMillis()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        // Quartz waits this long before it tries a failed store again (default 15 s): after a
        // switchover of the replica the scheduler resumes within about this much.
        p.setProperty(
                "org.quartz.jobStore.dbRetryInterval",
                String.valueOf(settings.storeRetryInterval().toMillis()));
        return p;
    }
}
