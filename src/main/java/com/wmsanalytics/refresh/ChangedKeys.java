package com.wmsanalytics.refresh;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The keys of the rows a bucketed recompute changed, for the reports kept by key that follow the
 * report (see migrations V23 and V25). The recompute returns, for each follower, each row it
 * deletes and inserts as text, narrowed to the columns that follower reads (its key first), and
 * the follower's key. A row deleted and inserted again with the same values in those columns
 * changes no key, so a follower recomputes only the keys whose rows differ where it looks, not
 * every key of a rewritten bucket. The rows are compared as multisets: a narrowed row may occur
 * twice. A value written differently (a numeric's scale) only makes a key recompute for nothing.
 */
final class ChangedKeys {

    /** The alias of the report's table in the recompute's DELETE and INSERT. */
    static final String ALIAS = "changed_row";

    private ChangedKeys() {}

    /** What the DELETE and the INSERT return besides the bucket: for each follower, the row as it reads it, and its key. */
    static String returning(List<ReportState.KeyFeed> feeds) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < feeds.size(); i++) {
            ReportState.KeyFeed feed = feeds.get(i);
            String image = feed.readColumns().isEmpty()
                    ? ALIAS + "::text"
                    : "ROW("
                            + feed.readColumns().stream()
                                    .map(c -> ALIAS + "." + DSL.name(c))
                                    .collect(Collectors.joining(", "))
                            + ")::text";
            sql.append(", ")
                    .append(image)
                    .append(" AS row_")
                    .append(i)
                    .append(", ")
                    .append(ALIAS)
                    .append('.')
                    .append(DSL.name(feed.keyColumn()))
                    .append("::text AS key_")
                    .append(i);
        }
        return sql.toString();
    }

    /** The keys, in follower {@code feed}'s column, of the rows deleted and not inserted again, or inserted anew. */
    static Set<String> of(List<Record> deleted, List<Record> inserted, int feed) {
        Map<String, Integer> balance = new HashMap<>();
        Map<String, String> keyOf = new HashMap<>();
        count(deleted, feed, -1, balance, keyOf);
        count(inserted, feed, 1, balance, keyOf);
        Set<String> keys = new TreeSet<>();
        balance.forEach((row, n) -> {
            String key = keyOf.get(row);
            if (n != 0 && key != null) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** Adds {@code sign} for each row; a row's text holds its key, so one text has one key. */
    private static void count(
            List<Record> rows, int feed, int sign, Map<String, Integer> balance, Map<String, String> keyOf) {
        for (Record r : rows) {
            String row = r.get("row_" + feed, String.class);
            balance.merge(row, sign, Integer::sum);
            keyOf.put(row, r.get("key_" + feed, String.class));
        }
    }
}
