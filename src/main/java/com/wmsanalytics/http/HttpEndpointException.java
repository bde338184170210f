package com.wmsanalytics.http;

/** The HTTP endpoint cannot listen. The message names host:port and the key to change. */
public class HttpEndpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HttpEndpointException(String message) {
        super(message);
    }

    public HttpEndpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
