package com.wmsanalytics.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.DebianPostgres;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The WMS load profile of the sustained-load benchmarks ({@code bench/pgbench/}) runs under
 * pgbench, as its README says, against a primary loaded by the generator: every transaction of
 * the harsh mix (one in nine a late correction to a closed day) commits, and after the
 * replication and a refresh of the daily group, {@code verify} finds every report equal to its
 * definition.
 */
@Tag("slow")
class WmsLoadProfileTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical();

    private static final List<String> SCRIPTS =
            List.of("setup.sql", "variables.sql", "new_order.sql", "ship_order.sql", "late_correction.sql");

    @Test
    void the_harsh_mix_commits_every_transaction_and_the_refreshed_reports_equal_their_definitions() throws Exception {
        Path config = Pipeline.build(pg, 900, "");
        Path dir = Files.createTempDirectory("wms-load-");
        for (String script : SCRIPTS) {
            Files.writeString(dir.resolve(script), resource(script));
        }
        pg.primary().execute(PostgresPair.DATABASE, Files.readString(dir.resolve("setup.sql")));
        String variables = pg.primary().queryValue(PostgresPair.DATABASE, query(dir.resolve("variables.sql")));
        assertTrue(variables.matches("(-D \\w+=\\d+ ?){5}"), variables);
        long ordersBefore = count("SELECT count(*) FROM wms.orders");
        long correctedBefore = count("SELECT sum(quantity) FROM wms.order_lines o WHERE order_id IN"
                + " (SELECT order_id FROM wms.orders WHERE created_at < now() - interval '14 days')");

        List<String> command = new ArrayList<>(List.of(
                DebianPostgres.BIN.resolve("pgbench").toString(),
                "-n",
                "-h",
                "localhost",
                "-p",
                Integer.toString(pg.primary().port()),
                "-U",
                pg.primary().superuser(),
                "-R",
                "60",
                "-T",
                "6",
                "-c",
                "2",
                "-j",
                "1",
                "--random-seed=61206"));
        command.addAll(Arrays.asList(variables.split(" ")));
        command.addAll(List.of(
                "-f",
                dir.resolve("new_order.sql") + "@5",
                "-f",
                dir.resolve("ship_order.sql") + "@3",
                "-f",
                dir.resolve("late_correction.sql") + "@1",
                PostgresPair.DATABASE));
        Process pgbench = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(pgbench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pgbench.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, pgbench.exitValue(), out);
        assertEquals(0, number(out, "number of failed transactions: (\\d+)"), out);
        assertTrue(number(out, "number of transactions actually processed: (\\d+)") >= 150, out);
        assertTrue(
                number(
                                out,
                                "late_correction.sql\\)?\\s*\\n\\s*- weight: 1 \\(targets [^)]*\\)\\s*\\n\\s*- (\\d+) transactions")
                        > 0,
                out);
        assertTrue(count("SELECT count(*) FROM wms.orders") > ordersBefore, "new orders were written");
        assertTrue(
                count("SELECT sum(quantity) FROM wms.order_lines o WHERE order_id IN"
                                + " (SELECT order_id FROM wms.orders WHERE created_at < now() - interval '14 days')")
                        > correctedBefore,
                "lines of orders weeks old were corrected");
        assertTrue(count("SELECT count(*) FROM wms.shipments WHERE carrier = 'DHL'") > 0, "orders were shipped");

        CliRun refresh = cli(config, "refresh", "--group", "daily");
        assertEquals(0, refresh.exitCode(), refresh.out() + refresh.err());
        CliRun verify = cli(config, "verify");
        assertEquals(0, verify.exitCode(), verify.out() + verify.err());
        assertEquals(
                Long.toString(count("SELECT count(*) FROM wms.orders")),
                pg.replica().queryValue(PostgresPair.DATABASE, "SELECT sum(orders) FROM order_analytics.daily_orders"),
                "daily_orders counts every order the load wrote");
    }

    private static long count(String sql) {
        return Long.parseLong(pg.primary().queryValue(PostgresPair.DATABASE, sql));
    }

    private static long number(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), regex + " in " + out);
        return Long.parseLong(m.group(1));
    }

    /** The statement of a script file, without its comment lines. */
    private static String query(Path file) throws IOException {
        return String.join(
                "\n",
                Files.readAllLines(file).stream()
                        .filter(l -> !l.startsWith("--"))
                        .toList());
    }

    private static String resource(String script) {
        try (InputStream in = WmsLoadProfileTest.class.getResourceAsStream("/bench/pgbench/" + script)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CliRun cli(Path config, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return CliRun.of(all);
    }
}
