package com.wmsanalytics.history;

import com.wmsanalytics.testing.PostgresPair;
import org.postgresql.ds.PGSimpleDataSource;

/** Connections to the test replica that act as the least-privilege refresher role. */
final class RefresherSessions {

    private RefresherSessions() {}

    static PGSimpleDataSource of(PostgresPair pg) {
        PGSimpleDataSource refresher = new PGSimpleDataSource();
        refresher.setUrl(pg.replica().jdbcUrl(PostgresPair.DATABASE));
        refresher.setUser(pg.replica().superuser());
        refresher.setOptions("-c role=wms_analytics_user");
        return refresher;
    }
}
