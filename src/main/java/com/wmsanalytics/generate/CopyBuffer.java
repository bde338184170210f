package com.wmsanalytics.generate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format, encoded straight to bytes. Each value appends a
 * column; {@link #endRow()} ends the row. Timestamps are written in UTC with an explicit
 * offset, so the session's time zone does not matter.
 */
final class CopyBuffer {

    private static final byte SEPARATOR = '\t';
    private static final byte[] NULL = {'\\', 'N'};

    private byte[] bytes = new byte[1 << 16];
    private int length;
    private long rows;
    private long prefixDay = Long.MIN_VALUE;
    private byte[] dayPrefix = new byte[0];

    CopyBuffer number(long value) {
        ensure(21);
        if (value < 0) {
            bytes[length++] = '-';
            value = -value;
        }
        digits(value);
        return separator();
    }

    /** A numeric with two decimals, given in hundredths: 1234 is written as 12.34. */
    CopyBuffer hundredths(long value) {
        ensure(24);
        digits(value / 100);
        bytes[length++] = '.';
        bytes[length++] = (byte) ('0' + value % 100 / 10);
        bytes[length++] = (byte) ('0' + value % 10);
        return separator();
    }

    CopyBuffer text(String value) {
        if (!plainAscii(value)) {
            return raw(escape(value).getBytes(StandardCharsets.UTF_8));
        }
        ensure(value.length() + 1);
        for (int i = 0; i < value.length(); i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
        return separator();
    }

    CopyBuffer date(LocalDate date) {
        return text(date.toString());
    }

    /** A timestamptz at the given second of the epoch. */
    CopyBuffer time(long epochSecond) {
        ensure(32);
        writeDayPrefix(Math.floorDiv(epochSecond, 86_400L));
        int second = (int) Math.floorMod(epochSecond, 86_400L);
        twoDigits(second / 3600, ':');
        twoDigits(second / 60 % 60, ':');
        twoDigits(second % 60, '+');
        twoDigits(0, (char) SEPARATOR);
        return this;
    }

    /** A timestamptz when {@code present}, else NULL. */
    CopyBuffer timeOrNull(long epochSecond, boolean present) {
        return present ? time(epochSecond) : nullValue();
    }

    CopyBuffer nullValue() {
        return raw(NULL);
    }

    void endRow() {
        bytes[length - 1] = '\n';
        rows++;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    long rows() {
        return rows;
    }

    /** Exchanges the buffered rows with {@code other}'s, so one can be copied while the other fills. */
    void swapContents(CopyBuffer other) {
        byte[] otherBytes = other.bytes;
        int otherLength = other.length;
        long otherRows = other.rows;
        other.bytes = bytes;
        other.length = length;
        other.rows = rows;
        bytes = otherBytes;
        length = otherLength;
        rows = otherRows;
    }

    void clear() {
        length = 0;
        rows = 0;
    }

    private CopyBuffer raw(byte[] value) {
        ensure(value.length + 1);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return separator();
    }

    private CopyBuffer separator() {
        bytes[length++] = SEPARATOR;
        return this;
    }

    private void digits(long value) {
        int start = length;
        do {
            bytes[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        reverse(start, length - 1);
    }

    private void reverse(int from, int to) {
        for (; from < to; from++, to--) {
            byte b = bytes[from];
            bytes[from] = bytes[to];
            bytes[to] = b;
        }
    }

    private void twoDigits(int value, char after) {
        bytes[length++] = (byte) ('0' + value / 10);
        bytes[length++] = (byte) ('0' + value % 10);
        bytes[length++] = (byte) after;
    }

    private void writeDayPrefix(long epochDay) {
        if (epochDay != prefixDay) {
            dayPrefix = (LocalDate.ofEpochDay(epochDay) + " ").getBytes(StandardCharsets.US_ASCII);
            prefixDay = epochDay;
        }
        System.arraycopy(dayPrefix, 0, bytes, length, dayPrefix.length);
        length += dayPrefix.length;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private static boolean plainAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == '\\' || c < 0x20) {
                return false;
            }
        }
        return true;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }
}
