package com.wmsanalytics.schedule;

import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** Whether an instance has checked in to the Quartz cluster recently. */
final class ClusterMembership {

    private final DataSource pool;

    ClusterMembership(DataSource pool) {
        this.pool = pool;
    }

    boolean checkedIn(String schedulerName, String instanceId) {
        return DSL.using(pool, SQLDialect.POSTGRES)
                .fetchOne(
                        "SELECT EXISTS (SELECT 1 FROM analytics_control.qrtz_scheduler_state WHERE sched_name = ?"
                                + " AND instance_name = ? AND last_checkin_time + 2 * checkin_interval"
                                + " >= (extract(epoch FROM clock_timestamp()) * 1000)::bigint) AS checked_in",
                        schedulerName,
                        instanceId)
                .get("checked_in", Boolean.class);
    }
}
