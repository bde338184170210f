package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The PostgreSQL driver's own warnings (java.util.logging) reach logback, whose patterns print
 * an exception as one line, rather than java.util.logging's console handler, which printed the
 * stack trace of a connection cut while the replica stopped.
 */
class JavaLoggingTest {

    @Test
    void the_drivers_java_util_logging_warnings_go_through_logback_and_not_the_console_handler() {
        Main.routeJavaLogging();
        List<Handler> handlers =
                Arrays.asList(java.util.logging.Logger.getLogger("").getHandlers());
        assertEquals(1, handlers.size(), handlers.toString());
        assertTrue(handlers.get(0) instanceof SLF4JBridgeHandler, handlers.toString());

        Logger driver = (Logger) LoggerFactory.getLogger("org.postgresql.core.ConnectionFactory");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        driver.addAppender(seen);
        try {
            java.util.logging.Logger.getLogger("org.postgresql.core.ConnectionFactory")
                    .log(Level.WARNING, "Failed to close stream", new SocketException("Broken pipe"));
        } finally {
            driver.detachAppender(seen);
        }
        assertEquals(1, seen.list.size(), seen.list.toString());
        assertEquals("Broken pipe", seen.list.get(0).getThrowableProxy().getMessage());
    }
}
