package com.wmsanalytics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthEndpointTest {

    private final AtomicReference<ReadinessCheck> check = new AtomicReference<>(List::of);
    private HttpEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = HttpEndpoint.start(
                "127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> check.get()
                        .problems());
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void live_answers_ok() {
        HttpResponse<String> response = Http.get(endpoint, "/health/live");

        assertEquals(200, response.statusCode());
        assertEquals("ok\n", response.body());
    }

    @Test
    void ready_answers_ready_when_there_are_no_problems() {
        HttpResponse<String> response = Http.get(endpoint, "/health/ready");

        assertEquals(200, response.statusCode());
        assertEquals("ready\n", response.body());
    }

    @Test
    void not_ready_answers_503_with_one_problem_per_line() {
        check.set(() -> List.of("replica: cannot connect", "scheduler: not started"));

        HttpResponse<String> response = Http.get(endpoint, "/health/ready");

        assertEquals(503, response.statusCode());
        assertEquals("replica: cannot connect\nscheduler: not started\n", response.body());
        assertEquals(
                "text/plain; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void readiness_is_asked_on_every_request() {
        check.set(() -> List.of("scheduler: not started"));
        assertEquals(503, Http.get(endpoint, "/health/ready").statusCode());

        check.set(List::of);

        assertEquals(200, Http.get(endpoint, "/health/ready").statusCode());
    }

    @Test
    void a_check_that_throws_answers_503_with_its_message_and_no_stack_trace() {
        check.set(() -> {
            throw new IllegalStateException("replica: connection pool is closed");
        });

        HttpResponse<String> response = Http.get(endpoint, "/health/ready");

        assertEquals(503, response.statusCode());
        assertEquals("replica: connection pool is closed\n", response.body());
    }

    @Test
    void a_check_that_throws_without_a_message_answers_with_the_exception_class() {
        check.set(() -> {
            throw new NullPointerException();
        });

        HttpResponse<String> response = Http.get(endpoint, "/health/ready");

        assertEquals(503, response.statusCode());
        assertEquals("NullPointerException\n", response.body());
    }

    @Test
    void an_unknown_path_is_404() {
        assertEquals(404, Http.get(endpoint, "/").statusCode());
        assertEquals(404, Http.get(endpoint, "/metrics/extra").statusCode());
        assertEquals(404, Http.send(endpoint, "POST", "/nothing").statusCode());
    }

    @Test
    void methods_other_than_get_and_head_are_405_with_the_allowed_ones() {
        HttpResponse<String> post = Http.send(endpoint, "POST", "/metrics");

        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        assertEquals(405, Http.send(endpoint, "DELETE", "/health/ready").statusCode());
    }

    @Test
    void head_answers_like_get_without_a_body() {
        HttpResponse<String> response = Http.send(endpoint, "HEAD", "/metrics");

        assertEquals(200, response.statusCode());
        assertEquals(
                "text/plain; version=0.0.4; charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(response.body().contains("#"));
    }
}
