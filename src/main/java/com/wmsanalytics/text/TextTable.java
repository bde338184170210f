package com.wmsanalytics.text;

import java.util.ArrayList;
import java.util.List;

/**
 * An aligned plain-text table: numbers right-aligned, text left-aligned. A cell's control
 * characters are escaped before the columns are measured, so that they stay aligned.
 */
public final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : ControlCharacters.escape(String.valueOf(cell)));
        }
        rows.add(row);
        return this;
    }

    public List<String> lines() {
        int[] widths = widths();
        List<String> lines = new ArrayList<>();
        lines.add(render(headers, widths, false).stripTrailing());
        rows.forEach(r -> lines.add(render(r, widths, true).stripTrailing()));
        return lines;
    }

    private int[] widths() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        return widths;
    }

    private static String render(List<String> cells, int[] widths, boolean alignNumbers) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            boolean right = alignNumbers && cell.matches("-?[0-9][0-9,.]*( ?[a-zA-Z%/]{1,3})?");
            String format = "%" + (right ? "" : "-") + widths[i] + "s";
            line.append(i == 0 ? "" : "  ").append(String.format(format, cell));
        }
        return line.toString();
    }
}
