package com.wmsanalytics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guide's "Add your own report", run as written: its file, its commands and the lines they print. */
class GuideReportWalkthroughTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final Path CHAPTER = Path.of("src", "docs", "guide", "reports.adoc");
    private static final Pattern SECTION = Pattern.compile("\\n=== Add your own report\\n(.*?)\\n=== ", Pattern.DOTALL);
    private static final Pattern SQL = Pattern.compile(
            "save this as\\s+`reports/([a-z_]+\\.sql)`:\\s+\\[source,sql\\]\\n----\\n(.*?)----\\n", Pattern.DOTALL);
    private static final Pattern CONSOLE =
            Pattern.compile("\\[source,console\\]\\n----\\n(.*?)----\\n", Pattern.DOTALL);

    @Test
    void the_guide_walkthrough_installs_refreshes_and_lists_the_report() throws Exception {
        Matcher section = SECTION.matcher(Files.readString(CHAPTER));
        assertTrue(section.find(), "the guide has the section");
        Matcher sql = SQL.matcher(section.group(1));
        assertTrue(sql.find(), "the section gives a report file");
        Matcher console = CONSOLE.matcher(section.group(1));
        assertTrue(console.find(), "the section gives the commands");
        Path dir = Files.createTempDirectory("reports");
        Path config = Pipeline.build(pg, 300, "wms-analytics.reports.dir = \"" + dir + "\"\n");
        Files.writeString(dir.resolve(sql.group(1)), sql.group(2));

        List<String> lines = console.group(1).lines().toList();
        int commands = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("$ wms-analytics ")) {
                continue;
            }
            List<String> args = new ArrayList<>(
                    Arrays.asList(line.substring("$ wms-analytics ".length()).split(" ")));
            args.add("--config");
            args.add(config.toString());
            CliRun run = CliRun.of(args.toArray(String[]::new));
            commands++;
            assertEquals(0, run.exitCode(), line + ": " + run.out() + run.err());
            for (int j = i + 1; j < lines.size() && !lines.get(j).startsWith("$ "); j++) {
                String expected = lines.get(j).replace("reports/", dir + "/");
                assertTrue(
                        run.out().lines().anyMatch(expected::equals), line + " prints " + expected + ":\n" + run.out());
            }
            if (line.endsWith(" views")) {
                assertTrue(run.out().contains("bi_reports.daily_picks"), run.out());
            }
        }
        assertEquals(4, commands, "the walkthrough's commands");
        String rows = pg.replica().queryValue(PostgresPair.DATABASE, "SELECT count(*) FROM bi_reports.daily_picks");
        assertFalse("0".equals(rows), "the report has rows");
        assertEquals(
                "succeeded",
                pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT status FROM analytics_control.refresh_run_view WHERE view_name = 'daily_picks'"
                                        + " ORDER BY run_id DESC LIMIT 1"),
                "the daily group refreshed it");
    }
}
