package com.wmsanalytics.replication.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A standby's upstream is named by host and port only: a password in its conninfo never shows. */
class UpstreamTest {

    @Test
    void a_key_value_conninfo_gives_host_and_port_and_drops_the_password() {
        assertEquals(
                Optional.of("analytics-a:5433"),
                Upstream.of("user=replicator password='s3cr3t word' host=analytics-a"
                        + " port=5433 sslmode=prefer application_name=standby"));
    }

    @Test
    void quoted_values_and_a_missing_port_are_read_as_libpq_reads_them() {
        assertEquals(Optional.of("db \\'a:5432"), Upstream.of("host='db \\\\\\'a' password=x"));
        assertEquals(Optional.of("10.0.0.5:5432"), Upstream.of("hostaddr=10.0.0.5 user=r"));
    }

    @Test
    void a_uri_gives_host_and_port_without_its_credentials() {
        assertEquals(
                Optional.of("analytics-a:6432"),
                Upstream.of("postgresql://replicator:s3cr3t@analytics-a:6432/postgres"));
        assertEquals(Optional.of("analytics-b:5432"), Upstream.of("postgres://analytics-b?sslmode=require"));
    }

    @Test
    void no_conninfo_or_no_host_names_no_upstream() {
        assertEquals(Optional.empty(), Upstream.of(""));
        assertEquals(Optional.empty(), Upstream.of(null));
        assertEquals(Optional.empty(), Upstream.of("user=replicator password=s3cr3t"));
    }
}
