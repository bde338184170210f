package com.wmsanalytics.text;

import java.util.Locale;

/**
 * Makes text safe to show on a terminal. A view name, a file name or a server's message can
 * hold control characters: an ESC starts a sequence the terminal obeys (colours, cursor moves,
 * a changed title), a newline or carriage return forges a line of output, and a bidirectional
 * override reorders what is shown. Each becomes a visible escape instead: {@code \n}, {@code
 * \r}, or {@code \}{@code uXXXX} for the others. A tab is left alone: it only moves to the
 * next column (a stack trace indents with it). The escapes are JSON's, so escaping a line of a
 * JSON document leaves valid JSON.
 */
public final class ControlCharacters {

    private ControlCharacters() {}

    /** {@code text} with every control character escaped; the same string when it has none. */
    public static String escape(String text) {
        if (text.chars().noneMatch(ControlCharacters::isControl)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> escaped.append(isControl(c) ? escape((char) c) : String.valueOf((char) c)));
        return escaped.toString();
    }

    /** C0 controls but tab, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates. */
    static boolean isControl(int c) {
        return (Character.getType(c) == Character.CONTROL && c != '\t')
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }

    private static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
    }
}
