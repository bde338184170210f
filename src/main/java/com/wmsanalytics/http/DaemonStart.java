package com.wmsanalytics.http;

import com.sun.net.httpserver.HttpServer;

/**
 * Starts the JDK HTTP server from a daemon thread. Its dispatcher thread takes the daemon flag
 * of the thread that starts it, so an endpoint that is never closed cannot keep the JVM alive.
 */
final class DaemonStart {

    private DaemonStart() {}

    static void start(HttpServer server) {
        Thread starter = new Thread(server::start, "wms-http-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop(0);
            throw new HttpEndpointException("interrupted while starting the HTTP endpoint", e);
        }
    }
}
