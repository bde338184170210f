package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.wmsanalytics.config.HttpSettings;
import com.wmsanalytics.testing.Await;
import com.wmsanalytics.testing.TestTls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The endpoint behind a web configuration file: TLS from PEM files and a login, with the page,
 * the API and the metrics refused to anyone else, and every kind of bad or abusive request
 * refused or timed out without a stack trace in the log, while the health probe keeps answering.
 */
class SecuredEndpointTest {

    private static final String REPORT = "order_analytics.daily_orders";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private static TestTls tls;
    private static Path webConfig;
    private static PrometheusMeterRegistry registry;
    private static HttpEndpoint endpoint;
    private static HttpClient client;
    private ListAppender<ILoggingEvent> logged;

    @BeforeAll
    static void start() {
        tls = TestTls.make();
        webConfig = tls.webConfig(
                "web.yml",
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                        + "http_server_config:\n  headers:\n    Strict-Transport-Security: max-age=31536000\n"
                        + "basic_auth_users:\n  prometheus: " + TestTls.bcrypt("scrape-secret") + "\n");
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("wms_analytics_test_total").increment();
        endpoint = HttpEndpoint.start(
                HttpSettings.plain("127.0.0.1", 0).withWebConfig(webConfig).withRequestTimeout(REQUEST_TIMEOUT),
                registry,
                List::of,
                Map.of(
                        "/",
                        () -> Document.html("<html><body>" + REPORT + "</body></html>"),
                        "/api/freshness",
                        () -> Document.json("{\"reports\":[\"" + REPORT + "\"]}")));
        client = HttpClient.newBuilder()
                .sslContext(tls.clientContext())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @BeforeEach
    void captureLog() {
        logged = new ListAppender<>();
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void noStackTraceWasLogged() {
        root().detachAppender(logged);
        for (ILoggingEvent e : logged.list) {
            assertTrue(
                    e.getThrowableProxy() == null || !e.getLevel().isGreaterOrEqual(Level.INFO),
                    "a stack trace was logged: " + e.getFormattedMessage());
        }
    }

    @Test
    void with_the_login_the_page_the_api_and_the_metrics_are_served_over_tls() {
        for (String path : List.of("/", "/api/freshness", "/metrics")) {
            HttpResponse<String> response = get(path, "prometheus", "scrape-secret");
            assertEquals(200, response.statusCode(), path);
        }
        assertTrue(get("/metrics", "prometheus", "scrape-secret").body().contains("wms_analytics_test_total"));
    }

    @Test
    void without_a_login_each_gets_401_with_a_challenge_and_no_report_name() {
        for (String path : List.of("/", "/api/freshness", "/metrics", "/nope")) {
            HttpResponse<String> response = send(request(path).build());
            assertEquals(401, response.statusCode(), path);
            assertEquals(
                    Routes.CHALLENGE,
                    response.headers().firstValue("WWW-Authenticate").orElse(""),
                    path);
            assertFalse(response.body().contains(REPORT), path + ": " + response.body());
        }
    }

    @Test
    void a_wrong_password_an_unknown_user_and_a_malformed_header_get_401() {
        assertEquals(401, get("/", "prometheus", "wrong").statusCode(), "wrong password");
        assertEquals(401, get("/", "mallory", "scrape-secret").statusCode(), "unknown user");
        for (String header : List.of("Basic !!!not-base64", "Basic " + b64("no-colon"), "Bearer abc", "Basic")) {
            HttpResponse<String> response =
                    send(request("/").header("Authorization", header).build());
            assertEquals(401, response.statusCode(), header);
            assertFalse(response.body().contains(REPORT), header);
        }
    }

    @Test
    void the_health_probes_answer_without_a_login() {
        assertEquals(200, send(request("/health/live").build()).statusCode());
        assertEquals(200, send(request("/health/ready").build()).statusCode());
    }

    @Test
    void with_health_open_off_the_probes_need_the_login_too() throws Exception {
        HttpSettings closed =
                HttpSettings.plain("127.0.0.1", 0).withWebConfig(webConfig).withHealthOpen(false);
        try (HttpEndpoint probesClosed = HttpEndpoint.start(closed, registry, List::of, Map.of())) {
            URI ready = URI.create("https://127.0.0.1:" + probesClosed.port() + "/health/ready");
            String login = "Basic " + b64("prometheus:scrape-secret");

            assertEquals(
                    401,
                    client.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            assertEquals(
                    200,
                    client.send(
                                    HttpRequest.newBuilder(ready)
                                            .header("Authorization", login)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        }
    }

    @Test
    void the_page_sends_its_security_headers_the_configured_ones_and_no_server_version() {
        HttpResponse<String> page = get("/", "prometheus", "scrape-secret");

        assertEquals(
                Routes.PAGE_POLICY,
                page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals(
                "nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals(
                "max-age=31536000",
                page.headers().firstValue("Strict-Transport-Security").orElse(""));
        assertTrue(page.headers().firstValue("Server").isEmpty(), page.headers().toString());
    }

    @Test
    void plain_http_sent_to_the_tls_port_gets_no_answer_over_http() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
            assertFalse(answer.contains(REPORT), answer);
        }
    }

    @Test
    void a_tls_1_1_client_is_refused_and_tls_1_2_and_1_3_clients_are_served() throws Exception {
        String out = openssl(
                "s_client", "-connect", "127.0.0.1:" + endpoint.port(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
        // Alert 70, protocol_version, is the server's refusal (the client did send its TLS 1.1 hello).
        assertTrue(out.contains("alert protocol version"), out);
        for (String version : List.of("TLSv1.2", "TLSv1.3")) {
            SSLParameters parameters = new SSLParameters();
            parameters.setProtocols(new String[] {version});
            HttpClient pinned = HttpClient.newBuilder()
                    .sslContext(tls.clientContext())
                    .sslParameters(parameters)
                    .build();
            HttpResponse<String> response =
                    pinned.send(request("/health/live").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), version);
            assertEquals(version, response.sslSession().orElseThrow().getProtocol());
        }
    }

    @Test
    void a_one_megabyte_header_is_refused_with_431_or_a_closed_connection() throws InterruptedException {
        HttpRequest huge = request("/health/live")
                .header("X-Padding", "a".repeat(1024 * 1024))
                .build();
        int status;
        try {
            status = client.send(huge, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException closed) {
            // The server answered 431 and closed the connection while the client was still
            // sending the megabyte: the client sees the close. Either way, it was refused.
            status = -1;
        }

        assertTrue(status == 431 || status == -1, "answered " + status);
        assertEquals(200, send(request("/health/live").build()).statusCode(), "the next request is served");
    }

    @Test
    void a_request_trickled_a_byte_a_second_is_cut_off_at_the_request_timeout() throws Exception {
        try (SSLSocket socket =
                (SSLSocket) tls.clientContext().getSocketFactory().createSocket("127.0.0.1", endpoint.port())) {
            socket.setSoTimeout(1_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            byte[] request = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            int sent = 0;
            boolean cut = false;
            for (byte b : request) {
                try {
                    out.write(b);
                    out.flush();
                    sent++;
                    if (socket.getInputStream().read() < 0) {
                        cut = true;
                        break;
                    }
                } catch (java.net.SocketTimeoutException e) {
                    continue; // a second passed with no answer: send the next byte
                } catch (IOException e) {
                    cut = true;
                    break;
                }
            }

            // The request takes one second a byte: cut off after a few bytes, long before it was whole.
            assertTrue(cut, "the trickled request was never cut off");
            assertTrue(
                    sent >= 1 && sent < request.length / 2,
                    "cut off after " + sent + " of " + request.length + " bytes");
        }
    }

    @Test
    void two_hundred_open_connections_leave_the_health_probe_answering_within_a_second() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = new Socket("127.0.0.1", endpoint.port());
                s.getOutputStream().write(0x16); // the first byte of a TLS record, and nothing more
                flood.add(s);
            }
            // The probe gives up after a second, as an orchestrator's would.
            HttpResponse<String> ready =
                    send(request("/health/ready").timeout(Duration.ofSeconds(1)).build());

            assertEquals(200, ready.statusCode());
            assertEquals(200, get("/metrics", "prometheus", "scrape-secret").statusCode());
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
    }

    @Test
    void a_renewed_certificate_and_a_changed_password_take_effect_without_a_restart() throws Exception {
        BigInteger before = serverSerial();
        String original = Files.readString(webConfig);
        try {
            tls.renewServerCertificate();
            Files.writeString(
                    webConfig,
                    original.replaceFirst(
                            "prometheus: .*",
                            "prometheus: " + TestTls.bcrypt("rotated").replace("$", "\\$")));
            Await.until("the renewed certificate is served", Duration.ofSeconds(10), () -> !serverSerial()
                    .equals(before));
            assertEquals(200, get("/", "prometheus", "rotated").statusCode());
            assertEquals(401, get("/", "prometheus", "scrape-secret").statusCode());
        } finally {
            Files.writeString(webConfig, original);
            Await.until(
                    "the original password works again",
                    Duration.ofSeconds(10),
                    () -> get("/", "prometheus", "scrape-secret").statusCode() == 200);
        }
    }

    @Test
    void a_client_certificate_is_required_when_the_file_asks_for_one() {
        Path mtls = tls.webConfig(
                "mtls.yml",
                "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                        + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n");
        try (HttpEndpoint mutual = HttpEndpoint.start(
                HttpSettings.plain("127.0.0.1", 0).withWebConfig(mtls), registry, List::of, Map.of())) {
            URI uri = URI.create("https://127.0.0.1:" + mutual.port() + "/health/live");
            HttpClient withCertificate = HttpClient.newBuilder()
                    .sslContext(tls.clientContextWithCertificate())
                    .build();

            assertThrows(
                    IOException.class,
                    () -> client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
            assertEquals(
                    200,
                    withCertificate
                            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_bad_web_configuration_stops_the_endpoint_from_starting_with_one_line() {
        Path bad = tls.webConfig("bad.yml", "basic_auth_users:\n  alice: hunter2\n");

        HttpEndpointException e = assertThrows(
                HttpEndpointException.class,
                () -> HttpEndpoint.start(
                        HttpSettings.plain("127.0.0.1", 0).withWebConfig(bad), registry, List::of, Map.of()));

        assertTrue(e.getMessage().startsWith(bad + ": basic_auth_users.alice: is not a bcrypt hash"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    private static BigInteger serverSerial() {
        try (SSLSocket socket =
                (SSLSocket) tls.clientContext().getSocketFactory().createSocket("127.0.0.1", endpoint.port())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        } catch (SSLHandshakeException e) {
            throw new AssertionError("handshake failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + endpoint.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> get(String path, String user, String password) {
        return send(request(path)
                .header("Authorization", "Basic " + b64(user + ":" + password))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0]; // the server closed or reset the connection: a refusal
        }
    }

    private static String openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl s_client did not finish");
        return out;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
