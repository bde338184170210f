package com.wmsanalytics.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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

    /** The page's own style is inline and it loads nothing: a policy that forbids anything else. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    Routes(PrometheusMeterRegistry registry, ReadinessCheck readiness, Map<String, Supplier<Document>> documents) {
        Map<String, Supplier<Reply>> all = new HashMap<>();
        documents.forEach((path, document) -> all.put(path, () -> {
            Document d = document.get();
            return new Reply(200, d.contentType(), d.body());
        }));
        all.put("/metrics", () -> new Reply(200, Reply.PROMETHEUS_TEXT, registry.scrape()));
        all.put("/health/live", () -> Reply.text(200, "ok\n"));
        all.put("/health/ready", () -> Readiness.reply(readiness));
        this.routes = Map.copyOf(all);
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
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (reply.contentType().startsWith("text/html")) {
            exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
        }
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
