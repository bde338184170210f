package com.wmsanalytics.http;

/** A read-only document the endpoint serves besides metrics and health: the freshness page and its JSON. */
public record Document(String contentType, String body) {

    public static final String HTML = "text/html; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";

    public static Document html(String body) {
        return new Document(HTML, body);
    }

    public static Document json(String body) {
        return new Document(JSON, body);
    }
}
