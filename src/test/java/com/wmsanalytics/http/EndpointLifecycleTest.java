package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EndpointLifecycleTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void a_port_in_use_names_host_port_and_the_key_to_change() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            HttpEndpointException e = assertThrows(
                    HttpEndpointException.class,
                    () -> HttpEndpoint.start("127.0.0.1", taken.getLocalPort(), registry, List::of));

            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("wms-analytics.http.port"), e.getMessage());
        }
    }

    @Test
    void listening_beyond_loopback_without_tls_and_a_login_logs_a_warning_and_on_loopback_does_not() {
        ch.qos.logback.classic.Logger logger =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(HttpEndpoint.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            try (HttpEndpoint loopback = HttpEndpoint.start("127.0.0.1", 0, registry, List::of)) {
                assertTrue(logged.list.stream().noneMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN));
            }
            try (HttpEndpoint everywhere = HttpEndpoint.start("0.0.0.0", 0, registry, List::of)) {
                List<String> warnings = logged.list.stream()
                        .filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                        .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                        .toList();
                assertEquals(1, warnings.size(), warnings.toString());
                assertTrue(
                        warnings.get(0)
                                .startsWith("0.0.0.0 is not a loopback address and the endpoint has no TLS"
                                        + " and no login"),
                        warnings.get(0));
                assertTrue(warnings.get(0).endsWith("set wms-analytics.http.web-config-file"), warnings.get(0));
            }
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void a_port_out_of_range_names_the_key() {
        HttpEndpointException e = assertThrows(
                HttpEndpointException.class, () -> HttpEndpoint.start("127.0.0.1", 70000, registry, List::of));

        assertTrue(e.getMessage().startsWith("wms-analytics.http.port = 70000"), e.getMessage());
    }

    @Test
    void close_twice_is_fine_and_frees_the_port() {
        HttpEndpoint first = HttpEndpoint.start("127.0.0.1", 0, registry, List::of);
        int port = first.port();
        assertEquals(200, Http.get(first, "/health/live").statusCode());

        first.close();
        first.close();

        try (HttpEndpoint second = HttpEndpoint.start("127.0.0.1", port, registry, List::of)) {
            assertEquals(port, second.port());
            assertEquals(200, Http.get(second, "/health/live").statusCode());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void close_returns_and_frees_the_port_for_another_endpoint() {
        HttpEndpoint endpoint = HttpEndpoint.start("127.0.0.1", 0, registry, List::of);
        Http.get(endpoint, "/metrics");
        int port = endpoint.port();

        endpoint.close();

        try (HttpEndpoint again = HttpEndpoint.start("127.0.0.1", port, registry, List::of)) {
            assertEquals(200, Http.get(again, "/health/live").statusCode());
        }
    }

    @Test
    void requests_run_on_named_daemon_threads_and_the_server_cannot_hold_the_jvm() {
        AtomicReference<Thread> handler = new AtomicReference<>();
        try (HttpEndpoint endpoint = HttpEndpoint.start("127.0.0.1", 0, registry, () -> {
            handler.set(Thread.currentThread());
            return List.of();
        })) {
            Http.get(endpoint, "/health/ready");

            assertTrue(
                    handler.get().getName().startsWith("wms-http-"),
                    handler.get().getName());
            assertTrue(handler.get().isDaemon());
            assertFalse(liveNonDaemonThreadNamed("HTTP-Dispatcher"), "a non-daemon HTTP dispatcher thread is running");
        }
    }

    private static boolean liveNonDaemonThreadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(name) && !t.isDaemon());
    }
}
