package com.wmsanalytics.config;

import com.typesafe.config.ConfigOrigin;

/** The {@code file:line: } at the start of every message about a configuration or job file. */
public final class ConfigFiles {

    private ConfigFiles() {}

    /** {@code file:line: } when the value came from the file, else {@code file: }. */
    public static String where(String source, ConfigOrigin origin) {
        boolean inFile = origin != null && origin.filename() != null && origin.lineNumber() > 0;
        return inFile ? source + ":" + origin.lineNumber() + ": " : source + ": ";
    }

    /** A Typesafe Config error (syntax, substitution, I/O) as a one-line message about the file. */
    public static ConfigException wrap(String source, com.typesafe.config.ConfigException e) {
        String message = String.valueOf(e.getMessage());
        String prefix = e.origin() == null ? "" : e.origin().description() + ": ";
        String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
        return new ConfigException(where(source, e.origin()) + oneLine(detail), e);
    }

    public static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
