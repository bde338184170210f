package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.Chromium;
import com.wmsanalytics.testing.CliRun;
import com.wmsanalytics.testing.JobFiles;
import com.wmsanalytics.testing.Pipeline;
import com.wmsanalytics.testing.PostgresPair;
import com.wmsanalytics.testing.RecordedRuns;
import com.wmsanalytics.testing.ServiceProcess;
import com.wmsanalytics.testing.TestTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The freshness page of a running service behind TLS and a login (a web configuration file with
 * the test's own CA), loaded in headless Chromium: every report with its state in words,
 * escaped text from the database, and a screenshot kept under target/. Without the login the
 * browser gets 401 and no report name. It runs on PostgreSQL 17 only: what the browser shows
 * does not depend on the server's version ({@code FreshnessLifecycleTest} reads the page's data on each).
 */
@Tag("slow")
class FreshnessPageBrowserTest {

    @RegisterExtension
    static final PostgresPair pg = PostgresPair.logical().classPathBinaries();

    private static final String KPIS = "analytics.daily_kpis";
    private static final String DAILY_ORDERS = "order_analytics.daily_orders";
    private static final String RFM = "customer_analytics.monthly_rfm";
    private static final String HOSTILE = "<script>document.title='owned'</script> & <b>bold</b>";
    private static final Pattern ARTICLE = Pattern.compile(
            "<article class=\"report state-(\\w+)\" data-view=\"([^\"]+)\" data-state=\"(\\w+)\"[^>]*>(.*?)</article>",
            Pattern.DOTALL);
    private static final Pattern BADGE = Pattern.compile(
            "<span class=\"badge state-(\\w+)\" data-role=\"state\"><span aria-hidden=\"true\">[^<]+</span> (\\w+)</span>");

    private static final String USER = "analyst";
    private static final String PASSWORD = "page-secret";

    private static TestTls tls;
    private static List<String> trusting;
    private static ServiceProcess service;
    private static String url;
    /** The page's address with the login in it, as a browser takes it. */
    private static String loginUrl;
    /** The page as Chromium rendered it, once for the class: each launch costs seconds of CPU. */
    private static String dom;

    private static Map<String, String> expected;

    @BeforeAll
    static void refreshedPipelineAndService() throws Exception {
        tls = TestTls.make();
        trusting = Chromium.trusting(tls.serverSpki());
        Path web = tls.tlsAndLogin(USER, PASSWORD);
        Path config = Pipeline.build(
                pg,
                200,
                "wms-analytics.freshness {\n"
                        + "  groups.weekly = null\n"
                        + "  views { \"" + KPIS + "\" { warn-after = 1s, error-after = 2s },"
                        + " \"" + DAILY_ORDERS + "\" { warn-after = 1s, error-after = 1d } }\n"
                        + "}\n"
                        + "wms-analytics.http.web-config-file = \"" + web + "\"\n");
        for (String group : List.of("daily", "weekly", "monthly")) {
            CliRun run = CliRun.of("refresh", "--group", group, "--config", config.toString());
            assertEquals(0, run.exitCode(), run.err());
        }
        new RecordedRuns(pg.replica().dataSource(PostgresPair.DATABASE))
                .failed(Instant.now(), Instant.now().plusSeconds(2), HOSTILE, RFM);
        expected = expectedStates();
        Path jobs = JobFiles.directory();
        JobFiles.write(jobs, "daily", "cron = \"0 0 0 1 1 ? 2099\"\ntime-zone = UTC\ngroup = daily");
        Path serviceConfig = Files.writeString(
                Files.createTempFile("page", ".conf"), Files.readString(config) + JobFiles.serviceConfig(jobs));
        // The daily KPIs' objective errs after 2 s: the page is read once their data is older.
        Await.until(KPIS + " is older than its error-after", Duration.ofSeconds(30), () -> "t"
                .equals(pg.replica()
                        .queryValue(
                                PostgresPair.DATABASE,
                                "SELECT now() - data_as_of > interval '2.5 seconds' FROM analytics.report_freshness"
                                        + " WHERE view_schema || '.' || view_name = '" + KPIS + "'")));
        service = ServiceProcess.start(serviceConfig).awaitRunning();
        Matcher m = Pattern.compile("freshness page at https://(127\\.0\\.0\\.1:\\d+/)")
                .matcher(service.log());
        assertTrue(m.find(), service.log());
        url = "https://" + m.group(1);
        loginUrl = "https://" + USER + ":" + PASSWORD + "@" + m.group(1);
        dom = Chromium.dumpDom(loginUrl, trusting);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.terminate();
        }
    }

    @Test
    void every_report_is_shown_with_its_state_in_words_and_colour_class() {
        Map<String, String[]> shown = articles(dom);

        assertEquals(expected.keySet(), shown.keySet(), "every report, in order");
        expected.forEach((view, state) -> {
            String[] a = shown.get(view);
            assertEquals(state, a[0], view + ": colour class");
            assertEquals(state, a[1], view + ": data-state");
            Matcher badge = BADGE.matcher(a[2]);
            assertTrue(badge.find(), view + ": badge in " + a[2]);
            assertEquals(state, badge.group(1), view);
            assertEquals(word(state), badge.group(2), view + ": the state in words");
        });
    }

    @Test
    void a_refreshed_report_shows_its_data_as_of_last_refresh_description_and_sparkline() {
        String daily = articles(dom).get(DAILY_ORDERS)[2];

        assertTrue(
                daily.matches(
                        "(?s).*<dd data-role=\"data-as-of\"><time datetime=\"[^\"]+\">\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"
                                + "</time> \\(\\d+ (s|min) ago\\)</dd>.*"),
                daily);
        assertTrue(
                daily.matches("(?s).*<dd data-role=\"last-refresh\">[^<]+ UTC · full · [^<]+ · [\\d,]+ rows</dd>.*"),
                daily);
        assertTrue(daily.contains("<p class=\"description\">"), daily);
        assertTrue(
                daily.contains("<svg class=\"sparkline\" role=\"img\" aria-label=\"last 1 refresh durations"), daily);
        assertTrue(daily.contains("warning after 1 s, error after 24 h"), daily);
    }

    @Test
    void a_report_links_to_the_reports_it_reads_and_names_its_mirror_tables() {
        String kpis = articles(dom).get(KPIS)[2];
        String daily = articles(dom).get(DAILY_ORDERS)[2];

        assertTrue(kpis.contains("<a href=\"#report-" + DAILY_ORDERS + "\">" + DAILY_ORDERS + "</a>"), kpis);
        assertTrue(dom.contains("id=\"report-" + DAILY_ORDERS + "\""), "the link's target is on the page");
        assertTrue(daily.contains("<code>wms.orders</code>"), daily);
    }

    @Test
    void without_the_login_the_browser_gets_401_and_no_report_name() throws Exception {
        String refused = Chromium.dumpDom(url, trusting);

        // The browser holds the 401 for a login prompt, which headless Chromium cannot answer:
        // an empty document (or, on a loaded machine, no document dumped at all), neither the
        // page nor a certificate warning.
        assertTrue(refused.isBlank() || refused.contains("<body></body>"), refused);
        assertFalse(refused.contains("<article"), refused);
        assertFalse(refused.contains(KPIS), refused);
        assertFalse(refused.contains(DAILY_ORDERS), refused);
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(url))).statusCode());
    }

    @Test
    void text_from_the_database_is_escaped_and_nothing_runs() {
        String rfm = articles(dom).get(RFM)[2];

        assertTrue(
                rfm.contains("&lt;script&gt;document.title='owned'&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"), rfm);
        assertFalse(dom.contains("<script"), "no script element at all");
        assertFalse(dom.contains("<title>owned"), dom);
        assertTrue(dom.contains("<meta http-equiv=\"refresh\" content=\"60\">"), "reloads every minute");
        assertFalse(dom.matches("(?s).*(src|href)=\"https?://.*"), "loads nothing from elsewhere");
    }

    @Test
    void each_publisher_is_shown_with_its_lag_and_the_wal_its_slot_retains() {
        // Apply errors are counted from PostgreSQL 15 on; 14 shows "-". The bytes behind are those
        // of the moment: an idle primary still writes a record now and then (a running-transactions
        // snapshot every 15 s), which the page may show before the replica has replayed it.

        assertTrue(
                dom.matches("(?s).*<tr data-publisher=\"wms\"><td>wms</td><td>wms_analytics_sub</td><td>streaming</td>"
                        + "<td>[\\d.]+ [kMG]?B</td><td>[^<]+</td><td>(0|-)</td><td>reserved</td><td data-role=\"retained-wal\">[\\d.]+ [kMG]?B</td>"
                        + "<td>unlimited</td></tr>.*"),
                dom);
    }

    @Test
    void a_screenshot_is_kept_as_a_build_artefact() throws Exception {
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        Path desktop = target.resolve("freshness-page.png");
        Path phone = target.resolve("freshness-page-phone.png");
        Files.deleteIfExists(desktop);
        Files.deleteIfExists(phone);

        Chromium.screenshot(loginUrl, desktop, 1280, 2200, trusting);
        Chromium.screenshot(loginUrl, phone, 390, 3200, trusting);

        for (Path png : List.of(desktop, phone)) {
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 10_000, png + " is only " + bytes.length + " bytes");
            assertEquals(
                    "\u0089PNG", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1), png.toString());
        }
    }

    @Test
    void the_api_gives_the_same_reports_and_states_as_json() throws Exception {
        HttpResponse<String> response = get(url + "api/freshness");

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        Map<String, String> states = new LinkedHashMap<>();
        for (JsonNode r : new ObjectMapper().readTree(response.body()).get("reports")) {
            states.put(r.get("view").asText(), r.get("state").asText());
        }
        assertEquals(expected, states);
    }

    @Test
    void the_page_forbids_scripts_and_outside_resources_and_is_read_only() throws Exception {
        HttpResponse<String> page = get(url);
        HttpResponse<String> post =
                send(login(HttpRequest.newBuilder(URI.create(url))).POST(HttpRequest.BodyPublishers.ofString("x")));

        assertEquals(200, page.statusCode());
        assertTrue(page.headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow()
                .startsWith("default-src 'none'"));
        assertEquals(405, post.statusCode());
    }

    /** Fresh but for the three reports the configuration makes different. */
    private static Map<String, String> expectedStates() {
        Map<String, String> states = new LinkedHashMap<>();
        String rows = pg.replica()
                .queryValue(
                        PostgresPair.DATABASE,
                        "SELECT string_agg(view_schema || '.' || view_name"
                                + " || ':' || coalesce(refresh_group, ''), ',' ORDER BY view_schema, view_name) FROM analytics.report_freshness");
        for (String row : rows.split(",")) {
            String[] parts = row.split(":", -1);
            String state = parts[0].equals(KPIS)
                    ? "error"
                    : parts[0].equals(DAILY_ORDERS) ? "warn" : parts[1].equals("weekly") ? "unknown" : "fresh";
            states.put(parts[0], state);
        }
        assertEquals(18, states.size(), "the built-in reports, their ledgers included");
        return states;
    }

    private static Map<String, String[]> articles(String dom) {
        Map<String, String[]> found = new LinkedHashMap<>();
        Matcher m = ARTICLE.matcher(dom);
        while (m.find()) {
            found.put(m.group(2), new String[] {m.group(1), m.group(3), m.group(4)});
        }
        return found;
    }

    private static String word(String state) {
        return Map.of("fresh", "Fresh", "warn", "Warning", "error", "Error", "unknown", "Unknown")
                .get(state);
    }

    private static HttpResponse<String> get(String address) throws Exception {
        return send(login(HttpRequest.newBuilder(URI.create(address))));
    }

    private static HttpRequest.Builder login(HttpRequest.Builder request) {
        return request.header(
                "Authorization",
                "Basic "
                        + java.util.Base64.getEncoder()
                                .encodeToString(
                                        (USER + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newBuilder()
                .sslContext(tls.clientContext())
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
