package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wmsanalytics.config.AppConfig;
import com.wmsanalytics.config.ConfigLoader;
import com.wmsanalytics.config.HttpSettings;
import com.wmsanalytics.testing.TestTls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Serve the page and /metrics with TLS and a login", run as written: its openssl
 * line makes the self-signed certificate, its web.yml (with a bcrypt hash where it shows {@code
 * $2y$10$...}) and its app.conf line configure the endpoint, and a client that trusts just that
 * certificate gets the metrics with the login and 401 without it.
 */
class ReadmeTlsExampleTest {

    private static final String SECTION = "### Serve the page and `/metrics` with TLS and a login";
    private static final String PASSWORD = "readme-secret";

    @TempDir
    Path dir;

    @Test
    void the_readme_tls_walkthrough_serves_the_metrics_over_tls_to_its_user_only() throws Exception {
        List<String> blocks = blocks(section());
        assertEquals(3, blocks.size(), "the README's TLS section has a shell, a YAML and a HOCON block");

        String openssl = blocks.get(0)
                .lines()
                .dropWhile(line -> !line.startsWith("openssl req"))
                .takeWhile(line -> !line.startsWith("htpasswd"))
                .reduce("", (a, b) -> a + b + "\n");
        assertFalse(openssl.isBlank(), "the README's TLS section makes its certificate with openssl req");
        assertTrue(blocks.get(0).contains("htpasswd -nBC 10 prometheus"), blocks.get(0));
        run(openssl);

        String yaml = blocks.get(1);
        assertTrue(yaml.contains("$2y$10$..."), "the README's web.yml shows where the hash goes");
        Path webYml = Files.writeString(dir.resolve("web.yml"), yaml.replace("$2y$10$...", TestTls.bcrypt(PASSWORD)));

        AppConfig config = new ConfigLoader(Map.of())
                .load(Optional.of(Files.writeString(
                        dir.resolve("app.conf"),
                        "wms-analytics { replica { url = \"jdbc:postgresql://replica.example:5433/wms_db\" }\n"
                                + "  publishers = [ { name = \"wms\", url = \"jdbc:postgresql://primary.example:5432/wms_db\" } ] }\n"
                                + blocks.get(2))));
        assertEquals("0.0.0.0", config.http().host());
        assertEquals(
                Optional.of(Path.of("/etc/wms-analytics/web.yml")),
                config.http().webConfigFile());

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("wms_analytics_readme_total").increment();
        try (HttpEndpoint endpoint = HttpEndpoint.start(
                new HttpSettings(
                        true,
                        "127.0.0.1",
                        0,
                        Optional.of(webYml),
                        config.http().healthOpen(),
                        config.http().requestTimeout(),
                        config.http().maxConnections()),
                registry,
                List::of,
                Map.of())) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(trusting(dir.resolve("server.crt")))
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            URI metrics = URI.create("https://localhost:" + endpoint.port() + "/metrics");

            HttpResponse<String> withLogin = client.send(
                    HttpRequest.newBuilder(metrics)
                            .header("Authorization", basic("prometheus", PASSWORD))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, withLogin.statusCode());
            assertTrue(withLogin.body().contains("wms_analytics_readme_total"), withLogin.body());

            HttpResponse<String> without =
                    client.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, without.statusCode());
            assertFalse(without.body().contains("wms_analytics_readme_total"));
        }
    }

    private static String section() throws Exception {
        String readme =
                Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("README.md"));
        int start = readme.indexOf(SECTION);
        assertTrue(start >= 0, "README.md has the section " + SECTION);
        int end = readme.indexOf("\n## ", start);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The fenced blocks of a piece of Markdown, without their fences. */
    private static List<String> blocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                if (block == null) {
                    block = new StringBuilder();
                } else {
                    blocks.add(block.toString());
                    block = null;
                }
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    private void run(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-e", "-c", script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(0, p.exitValue(), out);
        assertTrue(Files.exists(dir.resolve("server.crt")) && Files.exists(dir.resolve("server.key")), out);
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry(
                    "readme", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
