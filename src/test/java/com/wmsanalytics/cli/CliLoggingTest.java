package com.wmsanalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The built-in logging writes what the jar's logback.xml wrote before it. */
class CliLoggingTest {

    @Test
    void warnings_go_to_stderr_as_level_logger_and_message() {
        LoggerContext context = new LoggerContext();
        CliLogging.apply(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        LoggingEvent event = new LoggingEvent(
                "x",
                context.getLogger("com.wmsanalytics.history.Interrupter"),
                Level.WARN,
                "daily - run {} marked interrupted",
                null,
                new Object[] {7});

        assertEquals("System.err", stderr.getTarget());
        assertEquals(
                "WARN  Interrupter - daily - run 7 marked interrupted" + System.lineSeparator(),
                new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8));
        assertEquals(Level.WARN, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("com.wmsanalytics").getLevel());
    }

    @Test
    void a_logged_message_has_its_control_characters_escaped() {
        LoggerContext context = new LoggerContext();
        CliLogging.apply(context);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        LoggingEvent event = new LoggingEvent(
                "x",
                context.getLogger("com.wmsanalytics.refresh.Refresher"),
                Level.WARN,
                "{} - lock not available",
                null,
                new Object[] {"\u001b[31mbad\nname"});

        assertEquals(
                "WARN  Refresher - \\u001b[31mbad\\nname - lock not available" + System.lineSeparator(),
                new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8));
    }

    @Test
    void a_pool_warning_with_an_exception_is_one_line_with_its_causes_and_no_stack_trace() {
        LoggerContext context = new LoggerContext();
        CliLogging.apply(context);

        String line = encode(context, poolWarning(context));

        assertEquals(
                "WARN  HikariPool - replica - Connection is not available (Connection refused; connect failed)"
                        + System.lineSeparator(),
                line);
    }

    @Test
    void with_debug_logging_the_stack_trace_is_written() {
        LoggerContext context = new LoggerContext();
        CliLogging.apply(context);
        context.getLogger("com.wmsanalytics").setLevel(Level.DEBUG);

        String lines = encode(context, poolWarning(context));

        assertTrue(lines.contains("\tat "), lines);
        assertTrue(lines.contains("Caused by: java.net.ConnectException: connect failed"), lines);
    }

    private static LoggingEvent poolWarning(LoggerContext context) {
        Exception cause =
                new java.sql.SQLException("Connection refused", new java.net.ConnectException("connect failed"));
        return new LoggingEvent(
                "x",
                context.getLogger("com.zaxxer.hikari.pool.HikariPool"),
                Level.WARN,
                "replica - Connection is not available",
                cause,
                null);
    }

    @SuppressWarnings("unchecked")
    private static String encode(LoggerContext context, LoggingEvent event) {
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        return new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);
    }
}
