package com.wmsanalytics.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The views the reader-blocking measurement uses: the one named with {@code --view};
 * otherwise the view whose plain refresh was slowest, and also the view with the most rows
 * when that is another one.
 */
final class ReaderViews {

    /** A chosen view, its row count and why it was chosen. */
    record Choice(String view, long rows, String why) {}

    private record Candidate(String view, long rows, Duration plain) {}

    private ReaderViews() {}

    static List<Choice> choose(List<GroupResult> groups, Optional<String> named) {
        List<Candidate> candidates = groups.stream()
                .flatMap(g -> g.views().stream().map(v -> new Candidate(v, g.rows(v), g.plainMedian(v))))
                .toList();
        if (named.isPresent()) {
            return List.of(choice(named(candidates, named.get()), "chosen with --view"));
        }
        Candidate slowest =
                candidates.stream().max(Comparator.comparing(Candidate::plain)).orElseThrow();
        Candidate largest = candidates.stream()
                .max(Comparator.comparingLong(Candidate::rows))
                .orElseThrow();
        List<Choice> chosen = new ArrayList<>();
        chosen.add(choice(slowest, "the slowest plain refresh, median " + Stats.ms(slowest.plain())));
        if (!largest.view().equals(slowest.view())) {
            chosen.add(choice(largest, "the most rows; plain refresh median " + Stats.ms(largest.plain())));
        }
        return chosen;
    }

    private static Candidate named(List<Candidate> candidates, String view) {
        return candidates.stream()
                .filter(c -> c.view().equals(view))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--view: no materialized view " + view));
    }

    private static Choice choice(Candidate c, String why) {
        return new Choice(c.view(), c.rows(), why);
    }
}
