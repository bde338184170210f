package com.wmsanalytics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code wms-analytics.freshness}: the defaults, overrides, and one-line errors naming file, line and key. */
class FreshnessConfigTest {

    private static final String BASE =
            "wms-analytics.publishers = [ { name = wms, url = \"jdbc:postgresql://p:5432/wms_db\" } ]\n";

    @Test
    void every_group_has_a_default_objective() {
        FreshnessObjectives o = load("").freshness();

        assertEquals(
                Optional.of(new FreshnessObjective(Duration.ofHours(26), Duration.ofHours(30))),
                o.of("order_analytics.daily_orders", Optional.of("daily")));
        assertEquals(
                Optional.of(new FreshnessObjective(Duration.ofDays(8), Duration.ofDays(9))),
                o.of("order_analytics.weekly_trends", Optional.of("weekly")));
        assertEquals(
                Optional.of(new FreshnessObjective(Duration.ofDays(32), Duration.ofDays(35))),
                o.of("customer_analytics.monthly_rfm", Optional.of("monthly")));
        assertEquals(Optional.empty(), o.of("x.y", Optional.empty()), "no group, no objective");
    }

    @Test
    void a_report_overrides_its_group_and_a_group_can_be_changed_in_part_or_removed() {
        FreshnessObjectives o = load("wms-analytics.freshness {\n"
                        + "  groups { daily.warn-after = 20h, weekly = null, hourly { warn-after = 90m, error-after = 2h } }\n"
                        + "  views { \"order_analytics.daily_orders\" { warn-after = 2h, error-after = 4h } }\n"
                        + "}\n")
                .freshness();

        assertEquals(
                new FreshnessObjective(Duration.ofHours(2), Duration.ofHours(4)),
                o.of("order_analytics.daily_orders", Optional.of("daily")).orElseThrow());
        assertEquals(
                new FreshnessObjective(Duration.ofHours(20), Duration.ofHours(30)),
                o.of("analytics.daily_kpis", Optional.of("daily")).orElseThrow());
        assertEquals(Optional.empty(), o.of("order_analytics.weekly_trends", Optional.of("weekly")));
        assertEquals(
                Duration.ofMinutes(90),
                o.of("a.b", Optional.of("hourly")).orElseThrow().warnAfter());
    }

    @Test
    void warn_after_longer_than_error_after_fails_naming_the_key() throws Exception {
        assertError(
                "wms-analytics.freshness.groups.daily { warn-after = 31h }",
                ":2: wms-analytics.freshness.groups.daily.warn-after: must not be longer than error-after (30h)");
    }

    @Test
    void a_value_that_is_not_a_duration_fails_naming_the_key() throws Exception {
        assertError(
                "wms-analytics.freshness.views { \"order_analytics.daily_orders\" { warn-after = soon, error-after = 2h } }",
                ":2: wms-analytics.freshness.views.\"order_analytics.daily_orders\".warn-after: expected a duration"
                        + " such as 30s, 10m or 2h, got \"soon\"");
    }

    @Test
    void a_zero_objective_fails() throws Exception {
        assertError(
                "wms-analytics.freshness.groups.weekly.error-after = 0s",
                ":2: wms-analytics.freshness.groups.weekly.error-after: must be longer than zero, got \"0s\"");
    }

    @Test
    void an_unknown_key_inside_an_objective_fails() throws Exception {
        assertError(
                "wms-analytics.freshness.groups.daily.warn_after = 2h",
                ":2: wms-analytics.freshness.groups.daily.warn_after: unknown key; known here: warn-after, error-after");
    }

    @Test
    void an_unquoted_report_name_fails_with_the_fix() throws Exception {
        assertError(
                "wms-analytics.freshness.views { order_analytics.daily_orders { warn-after = 1h, error-after = 2h } }",
                ":2: wms-analytics.freshness.views.order_analytics: 'order_analytics' is not a report name; write"
                        + " \"schema.view\" in quotes");
    }

    @Test
    void an_unknown_key_beside_groups_and_views_fails() throws Exception {
        assertError(
                "wms-analytics.freshness.group.daily.warn-after = 2h",
                ":2: wms-analytics.freshness.group: unknown key (see conf/application.conf for the known keys)");
    }

    @Test
    void an_objective_for_a_report_that_does_not_exist_fails_naming_file_line_and_key() throws Exception {
        Path file = write(
                "wms-analytics.freshness.views {\n  \"order_analytics.daily_order\" { warn-after = 1h, error-after = 2h }\n}");
        FreshnessObjectives o =
                new ConfigLoader(Map.of()).load(Optional.of(file)).freshness();

        ConfigException e = assertThrows(
                ConfigException.class,
                () -> o.requireKnown(Set.of("order_analytics.daily_orders", "analytics.daily_kpis")));

        assertEquals(
                file + ":3: wms-analytics.freshness.views.\"order_analytics.daily_order\": unknown report"
                        + " 'order_analytics.daily_order'; known: analytics.daily_kpis, order_analytics.daily_orders",
                e.getMessage());
    }

    private static void assertError(String hocon, String expectedAfterFile) throws Exception {
        Path file = write(hocon);
        ConfigException e =
                assertThrows(ConfigException.class, () -> new ConfigLoader(Map.of()).load(Optional.of(file)));
        assertEquals(file + expectedAfterFile, e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    private static Path write(String hocon) throws Exception {
        Path file = Files.createTempFile("freshness", ".conf");
        file.toFile().deleteOnExit();
        return Files.writeString(file, BASE + hocon + "\n");
    }

    private static AppConfig load(String hocon) {
        return new ConfigLoader(Map.of())
                .load(
                        ConfigFactory.parseString(
                                BASE + hocon, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)),
                        "test.conf");
    }
}
