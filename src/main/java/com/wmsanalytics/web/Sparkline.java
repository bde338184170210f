package com.wmsanalytics.web;

import com.wmsanalytics.text.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG line of refresh durations, oldest on the left, the newest marked by a dot, with
 * its figures in words for screen readers.
 */
final class Sparkline {

    static final int WIDTH = 120;
    static final int HEIGHT = 28;

    private Sparkline() {}

    static String svg(List<Duration> durations) {
        if (durations.isEmpty()) {
            return "<span class=\"muted\">no successful refresh yet</span>";
        }
        long max = Math.max(
                1, durations.stream().mapToLong(Duration::toMillis).max().orElse(1));
        StringBuilder points = new StringBuilder();
        double x = 0;
        double y = 0;
        for (int i = 0; i < durations.size(); i++) {
            x = durations.size() == 1 ? WIDTH / 2.0 : 2 + i * (WIDTH - 4.0) / (durations.size() - 1);
            y = HEIGHT - 2 - durations.get(i).toMillis() * (HEIGHT - 4.0) / max;
            points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", x, y));
        }
        String title = Html.escape(title(durations));
        return "<svg class=\"sparkline\" role=\"img\" aria-label=\"" + title + "\" width=\"" + WIDTH + "\" height=\""
                + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\"><title>" + title + "</title>"
                + "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"" + points + "\"/>"
                + String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"currentColor\"/>", x, y)
                + "</svg>";
    }

    static String title(List<Duration> durations) {
        Duration min = durations.stream().min(Duration::compareTo).orElseThrow();
        Duration max = durations.stream().max(Duration::compareTo).orElseThrow();
        return "last " + durations.size() + " refresh durations: shortest " + Durations.human(min) + ", longest "
                + Durations.human(max) + ", newest " + Durations.human(durations.get(durations.size() - 1));
    }
}
