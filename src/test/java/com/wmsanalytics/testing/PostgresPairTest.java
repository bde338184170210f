package com.wmsanalytics.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresPairTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    @Test
    void both_servers_run_with_wal_level_logical() throws Exception {
        assertEquals("logical", walLevel(pg.primary().dataSource(PostgresPair.DATABASE)));
        assertEquals("logical", walLevel(pg.replica().dataSource(PostgresPair.DATABASE)));
    }

    private static String walLevel(javax.sql.DataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SHOW wal_level")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
