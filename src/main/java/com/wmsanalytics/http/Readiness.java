package com.wmsanalytics.http;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a readiness check's answer, or its exception, into the reply of /health/ready. */
final class Readiness {

    private static final Logger log = LoggerFactory.getLogger(Readiness.class);

    private Readiness() {}

    static Reply reply(ReadinessCheck check) {
        List<String> problems;
        try {
            problems = List.copyOf(check.problems());
        } catch (RuntimeException e) {
            log.warn("/health/ready - the readiness check failed, replied 503: {}", reason(e));
            log.debug("/health/ready - the readiness check failed", e);
            problems = List.of(reason(e));
        }
        return problems.isEmpty() ? Reply.text(200, "ready\n") : Reply.lines(503, problems);
    }

    /** The exception's message, or its class when it has none: never a stack trace. */
    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
