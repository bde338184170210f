package com.wmsanalytics.http;

import java.util.List;

/** One HTTP response: status, content type and a text body. */
record Reply(int status, String contentType, String body) {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    static Reply text(int status, String body) {
        return new Reply(status, TEXT, body);
    }

    static Reply lines(int status, List<String> lines) {
        return text(status, String.join("\n", lines) + "\n");
    }
}
