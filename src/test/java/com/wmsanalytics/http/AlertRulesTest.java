package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alert rules of conf/monitoring are valid, their unit tests pass, and each rule waits and says what to do. */
class AlertRulesTest {

    static final Path MONITORING = Path.of(System.getProperty("basedir", "."), "conf", "monitoring");
    static final String RULES = "wms-analytics-alerts.yml";

    @Test
    void promtool_checks_the_rules() {
        Promtool.Result result = Promtool.run(MONITORING, "check", "rules", RULES);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS: 11 rules found"), result.output());
    }

    @Test
    void the_rules_pass_their_promtool_unit_tests() {
        Promtool.Result result = Promtool.run(MONITORING, "test", "rules", "wms-analytics-alerts.test.yml");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }

    @Test
    void every_alert_has_a_for_duration_a_severity_and_a_runbook() throws Exception {
        String rules = Files.readString(MONITORING.resolve(RULES));
        List<String> alerts =
                List.of(rules.split("\\n\\s+- alert: ")).subList(1, rules.split("\\n\\s+- alert: ").length);

        assertEquals(11, alerts.size());
        for (String alert : alerts) {
            String name = alert.lines().findFirst().orElseThrow();
            assertTrue(
                    Pattern.compile("\\n\\s+for: \\d+[smh]\\n").matcher(alert).find(), name + ": for");
            assertTrue(
                    Pattern.compile("\\n\\s+severity: (warning|critical)\\n")
                            .matcher(alert)
                            .find(),
                    name + ": severity");
            Matcher runbook =
                    Pattern.compile("\\n\\s+runbook: >-\\n((\\s{12}.+\\n)+)").matcher(alert + "\n");
            assertTrue(runbook.find() && runbook.group(1).length() > 80, name + ": runbook");
        }
    }
}
