package com.wmsanalytics.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Logs the exception of an event as one line, its causes' messages after the event's own,
 * so that an outage costs one line per event: the connection pool and Quartz log an exception
 * with every failed attempt. The stack trace is written only when debug logging is on for the
 * event's logger or for wms-analytics ({@code --verbose}). Use it as {@code %oneLineEx} in a
 * logback pattern; the built-in logging and {@code conf/logback.xml} do.
 */
public final class OneLineThrowable extends ThrowableProxyConverter {

    static final String WORD = "oneLineEx";

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return "";
        }
        LoggerContext loggers = (LoggerContext) getContext();
        if (loggers.getLogger(event.getLoggerName()).isDebugEnabled()
                || loggers.getLogger("com.wmsanalytics").isDebugEnabled()) {
            return super.convert(event);
        }
        StringBuilder line = new StringBuilder();
        for (IThrowableProxy t = proxy; t != null; t = t.getCause()) {
            String message = t.getMessage() == null
                    ? t.getClassName()
                    : t.getMessage().lines().findFirst().orElse("");
            if (!event.getFormattedMessage().contains(message)) {
                line.append(line.length() == 0 ? " (" : "; ").append(message);
            }
        }
        return line.length() == 0 ? "" : line.append(')').toString().replace(CoreConstants.LINE_SEPARATOR, " ");
    }
}
