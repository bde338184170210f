package com.wmsanalytics.http;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (Prometheus text format 0.0.4), {@code /health/live},
 * {@code /health/ready} and the documents it is given (the freshness page) on host:port, with the JDK's HTTP server on two daemon threads.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final String PORT_KEY = "wms-analytics.http.port";
    private static final String HOST_KEY = "wms-analytics.http.host";
    /** A probe's answer comes within this, whatever the servers do: probes commonly time out after 1 s. */
    static final Duration READINESS_LIMIT = Duration.ofMillis(800);

    private final HttpServer server;
    private final ExecutorService threads;
    private final TimedReadiness readiness;
    private final String address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpEndpoint(HttpServer server, ExecutorService threads, TimedReadiness readiness, String address) {
        this.server = server;
        this.threads = threads;
        this.readiness = readiness;
        this.address = address;
    }

    /**
     * Listens on host:port (port 0: any free port) and serves until {@link #close()}.
     *
     * @throws HttpEndpointException when the address cannot be bound, for example because the
     *     port is in use; the message names host:port and the key to change
     */
    public static HttpEndpoint start(
            String host, int port, PrometheusMeterRegistry registry, ReadinessCheck readiness) {
        return start(host, port, registry, readiness, Map.of());
    }

    /**
     * The same, also serving each document at its path, read anew on every request: the
     * freshness page at {@code /} and its JSON at {@code /api/freshness}.
     */
    public static HttpEndpoint start(
            String host,
            int port,
            PrometheusMeterRegistry registry,
            ReadinessCheck readiness,
            Map<String, Supplier<Document>> documents) {
        HttpServer server = bind(host, port);
        ExecutorService threads = HttpThreads.bounded();
        server.setExecutor(threads);
        TimedReadiness timed = new TimedReadiness(readiness, READINESS_LIMIT);
        server.createContext("/", new Routes(registry, timed, documents));
        DaemonStart.start(server);
        HttpEndpoint endpoint = new HttpEndpoint(
                server, threads, timed, host + ":" + server.getAddress().getPort());
        log.info(
                "{} - serving {}/metrics, /health/live and /health/ready",
                endpoint.address,
                documents.isEmpty() ? "" : String.join(", ", new java.util.TreeSet<>(documents.keySet())) + ", ");
        return endpoint;
    }

    /** The bound port: the one asked for, or the one chosen when 0 was asked for. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops listening and drops open connections; returns within a second. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        threads.shutdownNow();
        readiness.close();
        awaitQuietly(threads);
        log.info("{} - stopped serving", address);
    }

    private static HttpServer bind(String host, int port) {
        InetSocketAddress address = address(host, port);
        try {
            return HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new HttpEndpointException(
                    "cannot listen on " + host + ":" + port + " (" + e.getMessage()
                            + "): is another process using the port? Set " + PORT_KEY + " to a free port, or "
                            + HOST_KEY
                            + " to an address of this machine",
                    e);
        } catch (IOException e) {
            throw new HttpEndpointException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress address(String host, int port) {
        if (port < 0 || port > 65535) {
            throw new HttpEndpointException(PORT_KEY + " = " + port + " is not a port (0 to 65535)");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new HttpEndpointException("cannot listen on " + host + ":" + port + ": unknown host; set " + HOST_KEY
                    + " to an address of this machine");
        }
        return address;
    }

    private static void awaitQuietly(ExecutorService threads) {
        try {
            threads.awaitTermination(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
