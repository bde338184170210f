package com.wmsanalytics.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers every request: asks for a login where the web configuration has users, finds the
 * route by exact path, allows GET and HEAD only, and sends the security headers.
 */
final class Routes extends Handler.Abstract {

    private static final Logger log = LoggerFactory.getLogger(Routes.class);
    private static final Set<String> METHODS = Set.of("GET", "HEAD");
    private static final Set<String> HEALTH = Set.of("/health/live", "/health/ready");
    static final String CHALLENGE = "Basic realm=\"wms-analytics\", charset=\"UTF-8\"";

    /** The page's own style is inline and it loads nothing: a policy that forbids anything else. */
    static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private final Map<String, Supplier<Reply>> routes;
    private final EndpointSecurity security;
    private final boolean healthOpen;
    private final RequestDeadline deadline;

    Routes(
            PrometheusMeterRegistry registry,
            ReadinessCheck readiness,
            Map<String, Supplier<Document>> documents,
            EndpointSecurity security,
            boolean healthOpen,
            RequestDeadline deadline) {
        super(InvocationType.BLOCKING);
        Map<String, Supplier<Reply>> all = new HashMap<>();
        documents.forEach((path, document) -> all.put(path, () -> {
            Document d = document.get();
            return new Reply(200, d.contentType(), d.body());
        }));
        all.put("/metrics", () -> new Reply(200, Reply.PROMETHEUS_TEXT, registry.scrape()));
        all.put("/health/live", () -> Reply.text(200, "ok\n"));
        all.put("/health/ready", () -> Readiness.reply(readiness));
        this.routes = Map.copyOf(all);
        this.security = security;
        this.healthOpen = healthOpen;
        this.deadline = deadline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        deadline.started(connection);
        Callback done = Callback.from(callback, () -> deadline.finished(connection));
        String path = Request.getPathInContext(request);
        Reply reply = reply(request, path);
        send(request, response, reply, done);
        return true;
    }

    private Reply reply(Request request, String path) {
        if (security.authenticates() && !(healthOpen && HEALTH.contains(path))) {
            if (security.user(request.getHeaders().get(HttpHeader.AUTHORIZATION))
                    .isEmpty()) {
                return Reply.text(401, "unauthorized\n");
            }
        }
        Supplier<Reply> route = routes.get(path);
        if (route == null) {
            return Reply.text(404, "not found\n");
        }
        if (!METHODS.contains(request.getMethod())) {
            return Reply.text(405, "method not allowed: " + request.getMethod() + "\n");
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

    private void send(Request request, Response response, Reply reply, Callback callback) {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(reply.status());
        HttpFields.Mutable headers = response.getHeaders();
        security.headers().forEach(headers::put);
        headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        if (reply.contentType().startsWith("text/html")) {
            headers.put("Content-Security-Policy", PAGE_POLICY);
        }
        if (reply.status() == 401) {
            headers.put(HttpHeader.WWW_AUTHENTICATE, CHALLENGE);
        }
        if (reply.status() == 405) {
            headers.put(HttpHeader.ALLOW, "GET, HEAD");
        }
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        boolean head = "HEAD".equals(request.getMethod());
        response.write(true, head ? null : ByteBuffer.wrap(body), callback);
    }
}
