package com.wmsanalytics.cli;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.wmsanalytics.text.ControlCharacters;

/** {@code %escapedMsg}: the log message with its control characters escaped, as the terminal prints lines. */
public final class EscapedMessageConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return ControlCharacters.escape(event.getFormattedMessage());
    }
}
