package com.wmsanalytics.http;

import com.wmsanalytics.config.HttpSettings;
import com.wmsanalytics.webconfig.WebConfigException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Scanner;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} (Prometheus text format 0.0.4), {@code /health/live},
 * {@code /health/ready} and the documents it is given (the freshness page) on host:port, with
 * Jetty's core server on daemon threads. A web configuration file adds TLS, a login and
 * headers, and is read again when it or its PEM files change. Requests are bounded: headers
 * at {@value #HEADER_BYTES} bytes, a whole request within {@code http.request-timeout},
 * {@code http.max-connections} connections at once.
 */
public final class HttpEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final String PORT_KEY = "wms-analytics.http.port";
    private static final String HOST_KEY = "wms-analytics.http.host";
    /** A probe's answer comes within this, whatever the servers do: probes commonly time out after 1 s. */
    static final Duration READINESS_LIMIT = Duration.ofMillis(800);
    /** Request line and headers together; a larger request gets 431. */
    static final int HEADER_BYTES = 16 * 1024;

    private static final int MAX_THREADS = 12;
    private static final int SCAN_SECONDS = 1;

    private final Server server;
    private final ServerConnector connector;
    private final TimedReadiness readiness;
    private final String address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpEndpoint(Server server, ServerConnector connector, TimedReadiness readiness, String address) {
        this.server = server;
        this.connector = connector;
        this.readiness = readiness;
        this.address = address;
    }

    /**
     * Listens on host:port (port 0: any free port), plain HTTP with no login, until {@link #close()}.
     *
     * @throws HttpEndpointException when the address cannot be bound, for example because the
     *     port is in use; the message names host:port and the key to change
     */
    public static HttpEndpoint start(
            String host, int port, PrometheusMeterRegistry registry, ReadinessCheck readiness) {
        return start(HttpSettings.plain(host, port), registry, readiness, Map.of());
    }

    /** The same, also serving each document at its path. */
    public static HttpEndpoint start(
            String host,
            int port,
            PrometheusMeterRegistry registry,
            ReadinessCheck readiness,
            Map<String, Supplier<Document>> documents) {
        return start(HttpSettings.plain(host, port), registry, readiness, documents);
    }

    /**
     * Listens as {@code settings} say, serving each document at its path, read anew on every
     * request: the freshness page at {@code /} and its JSON at {@code /api/freshness}.
     *
     * @throws HttpEndpointException when the address cannot be bound or the web configuration
     *     file, or a PEM file it names, cannot be used; the message is one line
     */
    public static HttpEndpoint start(
            HttpSettings settings,
            PrometheusMeterRegistry registry,
            ReadinessCheck readiness,
            Map<String, Supplier<Document>> documents) {
        EndpointSecurity security = security(settings);
        InetSocketAddress bind = address(settings.host(), settings.port());
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("wms-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("wms-http-timer", true);
        server.addBean(scheduler);
        ServerConnector connector = connector(server, security, scheduler, settings);
        connector.setHost(bind.getHostString());
        connector.setPort(bind.getPort());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
        RequestDeadline deadline = new RequestDeadline(scheduler, settings.requestTimeout());
        connector.addEventListener(deadline);
        TimedReadiness timed = new TimedReadiness(readiness, READINESS_LIMIT);
        server.setHandler(new Routes(registry, timed, documents, security, settings.healthOpen(), deadline));
        watch(server, security);
        start(server, settings);
        String scheme = security.tls().isPresent() ? "https" : "http";
        HttpEndpoint endpoint = new HttpEndpoint(
                server, connector, timed, scheme + "://" + settings.host() + ":" + connector.getLocalPort());
        log.info(
                "{} - serving {}/metrics, /health/live and /health/ready{}",
                endpoint.address,
                documents.isEmpty() ? "" : String.join(", ", new java.util.TreeSet<>(documents.keySet())) + ", ",
                security.authenticates() ? " (login asked" + (settings.healthOpen() ? ", health open)" : ")") : "");
        warnIfExposed(bind, security);
        return endpoint;
    }

    /** The bound port: the one asked for, or the one chosen when 0 was asked for. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops listening and drops open connections; returns within a second. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.setStopTimeout(500);
            server.stop();
        } catch (Exception e) {
            log.debug("{} - stopping: {}", address, e.toString());
        }
        readiness.close();
        log.info("{} - stopped serving", address);
    }

    private static EndpointSecurity security(HttpSettings settings) {
        try {
            return EndpointSecurity.load(settings.webConfigFile(), Clock.systemUTC());
        } catch (WebConfigException e) {
            throw new HttpEndpointException(e.getMessage(), e);
        }
    }

    private static ServerConnector connector(
            Server server, EndpointSecurity security, ScheduledExecutorScheduler scheduler, HttpSettings settings) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(HEADER_BYTES);
        http.setIdleTimeout(settings.requestTimeout().toMillis());
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        ServerConnector connector = security.tls()
                .map(tls -> new ServerConnector(
                        server, null, scheduler, null, 1, 1, new SslConnectionFactory(tls, plain.getProtocol()), plain))
                .orElseGet(() -> new ServerConnector(server, null, scheduler, null, 1, 1, plain));
        connector.setIdleTimeout(settings.requestTimeout().toMillis());
        return connector;
    }

    /** Reads the web configuration again when it or a PEM file it names changes. */
    private static void watch(Server server, EndpointSecurity security) {
        if (security.files().isEmpty()) {
            return;
        }
        Scanner scanner = new Scanner(null, true);
        scanner.setScanInterval(SCAN_SECONDS);
        security.files().forEach(scanner::addFile);
        scanner.setReportExistingFilesOnStartup(false);
        scanner.addListener(new Scanner.BulkListener() {
            @Override
            public void pathsChanged(Map<java.nio.file.Path, Scanner.Notification> changed) {
                security.reload();
            }
        });
        server.addBean(scanner);
    }

    private static void start(Server server, HttpSettings settings) {
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            String where = "cannot listen on " + settings.host() + ":" + settings.port();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new HttpEndpointException(
                        where + " (" + (e.getCause() == null ? e : e.getCause()).getMessage()
                                + "): is another process using the port? Set " + PORT_KEY + " to a free port, or "
                                + HOST_KEY + " to an address of this machine",
                        e);
            }
            if (e instanceof IOException) {
                throw new HttpEndpointException(where + ": " + e.getMessage(), e);
            }
            throw new HttpEndpointException("cannot start the HTTP endpoint: " + e.getMessage(), e);
        }
    }

    private static void warnIfExposed(InetSocketAddress bind, EndpointSecurity security) {
        InetAddress address = bind.getAddress();
        if (address.isLoopbackAddress()) {
            return;
        }
        if (security.tls().isEmpty() || !security.authenticates()) {
            log.warn(
                    "{} is not a loopback address and the endpoint has {}: anyone on the network can read the page"
                            + " and the metrics{}; set wms-analytics.http.web-config-file",
                    bind.getHostString(),
                    security.tls().isEmpty() && !security.authenticates()
                            ? "no TLS and no login"
                            : security.tls().isEmpty() ? "no TLS" : "no login",
                    security.tls().isEmpty() ? ", and passwords cross it in clear" : "");
        }
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            log.debug("stopping after a failed start: {}", e.toString());
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
}
