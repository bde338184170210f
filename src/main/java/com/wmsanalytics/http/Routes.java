package com.wmsanalytics.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers every request: finds the route by exact path, allows GET and HEAD only. */
final class Routes implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD");

    private final Map<String, Supplier<Reply>> routes;

    Routes(PrometheusMeterRegistry registry, ReadinessCheck readiness) {
        this.routes = Map.of(
                "/metrics", () -> new Reply(200, Reply.PROMETHEUS_TEXT, registry.scrape()),
                "/health/live", () -> Reply.text(200, "ok\n"),
                "/health/ready", () -> Readiness.reply(readiness));
    }

    @Override
    public void handle(HttpExchange exchange) {
        String path = Objects.requireNonNullElse(exchange.getRequestURI().getPath(), "");
        try {
            send(exchange, reply(exchange.getRequestMethod(), path));
        } catch (IOException e) {
            log.debug("{} - the client went away before the reply was sent: {}", path, e.toString());
        } finally {
            exchange.close();
        }
    }

    private Reply reply(String method, String path) {
        Supplier<Reply> route = routes.get(path);
        if (route == null) {
            return Reply.text(404, "not found: " + path + "\n");
        }
        if (!METHODS.contains(method)) {
            return Reply.text(405, "method not allowed: " + method + "\n");
        }
        return answer(path, route);
    }

    private static Reply answer(String path, Supplier<Reply> route) {
        try {
            return route.get();
        } catch (RuntimeException e) {
            log.warn("{} - answering failed, replied 500", path, e);
            return Reply.text(500, "internal error: " + Readiness.reason(e) + "\n");
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        if (reply.status() == 405) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), head || body.length == 0 ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }
}
