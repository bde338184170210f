package com.wmsanalytics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String ONE_PUBLISHER = """
            wms-analytics {
              replica { url = "jdbc:postgresql://replica.example:5433/wms_db" }
              publishers = [ { name = "wms", url = "jdbc:postgresql://primary.example:5432/wms_db" } ]
            }
            """;

    @TempDir
    Path dir;

    @Test
    void a_minimal_file_gets_every_documented_default() throws IOException {
        AppConfig config = load(write(ONE_PUBLISHER), Map.of());

        assertEquals("wms_analytics_user", config.replica().user());
        assertEquals("replica.example", config.replica().host());
        PublisherConfig wms = config.publisher("wms");
        assertEquals("wms_repl_user", wms.endpoint().user());
        assertEquals("wms_analytics_pub", wms.publication());
        assertEquals("wms_analytics_sub", wms.subscription());
        assertEquals(java.util.List.of("wms"), wms.schemas());
        assertEquals(2, config.refresh().parallelism());
        assertFalse(config.refresh().recomputeJit(), "a recompute runs with jit = off");
        assertFalse(config.refresh().fullJit(), "a report refreshed in full runs with jit = off");
        assertEquals(
                100, config.refresh().fullRebuildPercent(), "a recompute never gives way to a full rebuild by default");
        assertEquals(Duration.ofDays(400), config.historyRetention());
        assertFalse(config.replica().password().isPresent());
    }

    @Test
    void refresh_full_jit_true_gives_reports_refreshed_in_full_the_servers_jit() throws IOException {
        AppConfig config = load(write(ONE_PUBLISHER + "wms-analytics.refresh.full-jit = true\n"), Map.of());

        assertTrue(config.refresh().fullJit());
        assertFalse(config.refresh().recomputeJit());
    }

    @Test
    void the_environment_names_the_file_when_the_command_line_does_not() throws IOException {
        Path file = write(ONE_PUBLISHER);
        AppConfig config = new ConfigLoader(Map.of(ConfigLoader.ENV_CONFIG, file.toString())).load(Optional.empty());
        assertEquals(file.toString(), config.source());
    }

    @Test
    void passwords_come_from_the_environment_and_never_print() throws IOException {
        AppConfig config =
                load(write(ONE_PUBLISHER), Map.of("WMS_REPLICA_PASSWORD", "s3cret", "WMS_PUBLISHER_PASSWORD", "p4ss"));

        assertEquals(Optional.of("s3cret"), config.replica().password().reveal());
        assertEquals(
                Optional.of("p4ss"),
                config.publisher("wms").endpoint().password().reveal());
        assertFalse(config.toString().contains("s3cret"), config.toString());
        assertFalse(config.toString().contains("p4ss"), config.toString());
    }

    @Test
    void a_password_file_is_read_and_its_newline_dropped() throws IOException {
        Path secret = Files.writeString(dir.resolve("replica.password"), "from-file\n");
        AppConfig config =
                load(write(ONE_PUBLISHER + "wms-analytics.replica.password-file = \"" + secret + "\"\n"), Map.of());
        assertEquals(Optional.of("from-file"), config.replica().password().reveal());
    }

    @Test
    void a_declared_password_file_takes_precedence_over_the_environment_password() throws IOException {
        Path replicaSecret = Files.writeString(dir.resolve("replica.password"), "replica-from-file\n");
        Path euSecret = Files.writeString(dir.resolve("eu.password"), "eu-from-file\n");
        Path file = write("wms-analytics {\n  replica.password-file = \"" + replicaSecret + "\"\n"
                + "  publishers = [ { name = wms, url = \"jdbc:postgresql://h/db\" },\n"
                + "    { name = eu, url = \"jdbc:postgresql://g/db\", subscription = sub_eu, password-file = \""
                + euSecret + "\" } ]\n}\n");

        AppConfig config =
                load(file, Map.of("WMS_REPLICA_PASSWORD", "env-replica", "WMS_PUBLISHER_PASSWORD", "env-publisher"));

        assertEquals(
                Optional.of("replica-from-file"), config.replica().password().reveal());
        assertEquals(
                Optional.of("env-publisher"),
                config.publisher("wms").endpoint().password().reveal());
        assertEquals(
                Optional.of("eu-from-file"),
                config.publisher("eu").endpoint().password().reveal());
    }

    @Test
    void a_missing_file_is_named() {
        ConfigException e = fails(dir.resolve("nope.conf"));
        assertTrue(e.getMessage().startsWith(dir.resolve("nope.conf") + ": "), e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void a_mistyped_key_is_named_with_its_file_and_line() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics {\n  refresh {\n    paralellism = 4\n  }\n}\n");
        ConfigException e = fails(file);
        assertEquals(
                file
                        + ":7: wms-analytics.refresh.paralellism: unknown key (see conf/application.conf for the known keys)",
                e.getMessage());
    }

    @Test
    void a_mistyped_key_in_a_publisher_is_named() throws IOException {
        Path file =
                write("wms-analytics.publishers = [ { name = wms, url = \"jdbc:postgresql://h/db\", pasword = x } ]\n");
        assertTrue(fails(file).getMessage().contains("wms-analytics.publishers[0].pasword: unknown key"));
    }

    @Test
    void a_value_of_the_wrong_type_is_named_with_the_value() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.refresh.parallelism = two\n");
        assertEquals(
                file + ":5: wms-analytics.refresh.parallelism: expected an integer, got \"two\"",
                fails(file).getMessage());
    }

    @Test
    void a_malformed_duration_is_named() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.gate.timeout = \"5 fortnights\"\n");
        assertTrue(fails(file).getMessage().contains("wms-analytics.gate.timeout: expected a duration"));
    }

    @Test
    void a_fixed_offset_time_zone_is_refused_because_postgresql_reads_its_sign_the_other_way() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.refresh.time-zone = \"+02:00\"\n");
        assertEquals(
                file + ":5: wms-analytics.refresh.time-zone: '+02:00' is a fixed offset; use a region such as"
                        + " Europe/Berlin, or UTC",
                fails(file).getMessage());
    }

    @Test
    void a_missing_required_key_is_named() throws IOException {
        Path file = write("wms-analytics.publishers = [ { name = wms } ]\n");
        assertEquals(
                file + ": wms-analytics.publishers[0].url: is required but missing",
                fails(file).getMessage());
    }

    @Test
    void no_publisher_at_all_is_an_error() throws IOException {
        assertTrue(fails(write("wms-analytics.replica.user = x\n"))
                .getMessage()
                .contains("wms-analytics.publishers: at least one publisher is required"));
    }

    @Test
    void a_full_rebuild_percent_outside_1_to_100_is_rejected() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.refresh.full-rebuild-percent = 0\n");
        assertTrue(
                fails(file).getMessage().contains("wms-analytics.refresh.full-rebuild-percent"),
                fails(file).getMessage());
    }

    @Test
    void a_url_that_is_not_postgresql_is_rejected() throws IOException {
        Path file = write("wms-analytics.publishers = [ { name = wms, url = \"jdbc:mysql://h/db\" } ]\n");
        assertTrue(fails(file).getMessage().contains("wms-analytics.publishers[0].url: not a PostgreSQL JDBC URL"));
    }

    @Test
    void two_publishers_may_split_one_databases_tables_between_their_subscriptions() throws IOException {
        AppConfig config =
                load(write(split("tables = [wms.orders, wms.customers]", "tables = [wms.order_lines]")), Map.of());
        assertEquals(
                List.of("wms.orders", "wms.customers"),
                config.publishers().get(0).tables());
        assertEquals(
                List.of("wms.order_lines"),
                config.publishers().get(1).published(List.of("wms.customers", "wms.order_lines", "wms.orders")));
        assertEquals(
                List.of("wms.customers", "wms.orders"),
                config.publishers().get(0).published(List.of("wms.customers", "wms.order_lines", "wms.orders")));
    }

    @Test
    void two_publishers_of_one_database_that_would_both_publish_a_table_are_refused_with_the_table()
            throws IOException {
        assertTrue(
                fails(write(split("tables = [wms.orders]", "tables = [wms.orders, wms.order_lines]")))
                        .getMessage()
                        .contains("publishers wms and wms_lines read one database and would both publish wms.orders;"),
                "a table in both lists");
        assertTrue(
                fails(write(split("", "tables = [wms.order_lines]")))
                        .getMessage()
                        .contains("would both publish wms.order_lines;"),
                "an entry without tables publishes every table");
        assertTrue(
                fails(write(split("", ""))).getMessage().contains("would both publish every table of wms;"),
                "neither entry lists its tables");
    }

    @Test
    void a_tables_entry_outside_the_publishers_schemas_or_not_schema_dot_table_is_refused() throws IOException {
        assertTrue(fails(write(split("tables = [billing.invoices]", "tables = [wms.order_lines]")))
                .getMessage()
                .contains("publishers[0].tables: 'billing.invoices' is not in this publisher's schemas (wms)"));
        assertTrue(fails(write(split("tables = [\"wms.orders; DROP TABLE x\"]", "tables = [wms.order_lines]")))
                .getMessage()
                .contains("is not schema.table in plain lower-case identifiers"));
    }

    @Test
    void two_publishers_of_one_database_need_a_publication_each() throws IOException {
        String file = split("tables = [wms.orders]", "tables = [wms.order_lines]")
                .replace("publication = wms_lines_pub, ", "");
        assertTrue(fails(write(file)).getMessage().contains("through one publication 'wms_analytics_pub'"));
    }

    /** Two entries for one database, with each one's tables line. */
    private static String split(String first, String second) {
        return "wms-analytics {\n"
                + "  replica { url = \"jdbc:postgresql://replica.example:5433/wms_db\" }\n"
                + "  publishers = [\n"
                + "    { name = wms, url = \"jdbc:postgresql://primary.example:5432/wms_db\", " + first + " }\n"
                + "    { name = wms_lines, url = \"jdbc:postgresql://primary.example:5432/wms_db\","
                + " publication = wms_lines_pub, subscription = wms_lines_sub, " + second + " }\n"
                + "  ]\n"
                + "}\n";
    }

    @Test
    void a_multi_host_replica_url_for_the_writable_node_is_accepted_and_described_host_by_host() throws IOException {
        AppConfig config = load(
                write(ONE_PUBLISHER
                        + "wms-analytics.replica.url = \"jdbc:postgresql://analytics-a:5432,analytics-b:5433"
                        + "/wms_db?targetServerType=primary\"\n"),
                Map.of());

        assertTrue(config.replica().multiHost());
        assertEquals("analytics-a:5432,analytics-b:5433", config.replica().addresses());
        assertEquals(
                "analytics-a:5432,analytics-b:5433/wms_db as wms_analytics_user",
                config.replica().describe());
    }

    @Test
    void a_multi_host_replica_url_that_may_pick_a_standby_is_rejected_with_the_fix() throws IOException {
        Path file = write(ONE_PUBLISHER
                + "wms-analytics.replica.url = \"jdbc:postgresql://analytics-a,analytics-b:5433/wms_db\"\n");

        assertEquals(
                file + ":5: wms-analytics.replica.url: lists several hosts (analytics-a:5432,analytics-b:5433) but"
                        + " targetServerType is any; add ?targetServerType=primary so that only the writable one is used",
                fails(file).getMessage());
    }

    @Test
    void sql_in_a_subscription_name_is_rejected() throws IOException {
        Path file = write("wms-analytics.publishers = [ { name = wms, url = \"jdbc:postgresql://h/db\","
                + " subscription = \"x; DROP TABLE wms.orders\" } ]\n");
        assertTrue(
                fails(file).getMessage().contains("'x; DROP TABLE wms.orders' is not a plain lower-case identifier"));
    }

    @Test
    void two_publishers_cannot_share_a_subscription() throws IOException {
        Path file = write("wms-analytics.publishers = [ { name = a, url = \"jdbc:postgresql://h/db\" },"
                + " { name = b, url = \"jdbc:postgresql://g/db\" } ]\n");
        assertTrue(fails(file).getMessage().contains("two publishers share the subscription 'wms_analytics_sub'"));
    }

    @Test
    void a_multi_host_failover_publisher_lists_each_host_as_a_single_host_url() throws IOException {
        PublisherConfig wms = load(
                        write(
                                "wms-analytics.publishers = [ { name = wms, failover = true, url ="
                                        + " \"jdbc:postgresql://wms-a:5432,wms-b:5433/wms_db?targetServerType=primary&sslmode=require\" } ]\n"),
                        Map.of())
                .publisher("wms");

        assertTrue(wms.failover());
        assertTrue(wms.endpoint().multiHost());
        assertEquals(
                java.util.List.of(
                        "jdbc:postgresql://wms-a:5432/wms_db?sslmode=require",
                        "jdbc:postgresql://wms-b:5433/wms_db?sslmode=require"),
                wms.endpoint().eachHost().stream().map(Endpoint::url).toList());
        assertEquals("wms-b:5433", wms.endpoint().eachHost().get(1).address());
    }

    @Test
    void a_multi_host_url_needs_one_subscription_host_per_host() throws IOException {
        Path file = write("wms-analytics.publishers = [ { name = wms, subscription-host = wms-a.internal,"
                + " url = \"jdbc:postgresql://wms-a,wms-b/wms_db\" } ]\n");
        assertTrue(fails(file)
                .getMessage()
                .contains("wms-analytics.publishers[0].subscription-host: names 1 host(s) but url names 2"));
    }

    @Test
    void password_and_password_file_together_are_a_contradiction() throws IOException {
        Path file = write(ONE_PUBLISHER + "wms-analytics.replica { password = a, password-file = b }\n");
        assertTrue(fails(file)
                .getMessage()
                .contains("wms-analytics.replica.password-file: set either password or password-file"));
    }

    @Test
    void a_syntax_error_names_the_file_and_line() throws IOException {
        Path file = write("wms-analytics {\n  replica { url = }\n}\n");
        String message = fails(file).getMessage();
        assertTrue(message.startsWith(file + ": 2: "), message);
    }

    @Test
    void the_documented_application_conf_is_valid_and_matches_the_defaults() {
        Path documented = Path.of("conf/application.conf");
        AppConfig config = load(documented, Map.of());
        AppConfig defaults = load(write(ONE_PUBLISHER), Map.of());
        assertEquals(defaults.refresh(), config.refresh());
        assertEquals(defaults.gate(), config.gate());
        assertEquals(defaults.historyRetention(), config.historyRetention());
        assertEquals(defaults.syncTimeout(), config.syncTimeout());
        assertEquals(defaults.poolSize(), config.poolSize());
    }

    private AppConfig load(Path file, Map<String, String> env) {
        return new ConfigLoader(env).load(Optional.of(file));
    }

    private ConfigException fails(Path file) {
        return assertThrows(ConfigException.class, () -> load(file, Map.of()));
    }

    private Path write(String content) {
        try {
            return Files.writeString(Files.createTempFile(dir, "app", ".conf"), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
