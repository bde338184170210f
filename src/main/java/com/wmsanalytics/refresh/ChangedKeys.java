package com.wmsanalytics.refresh;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The keys of the rows a bucketed recompute changed, for the reports kept by key that follow the
 * report (see migration V23). The recompute returns each row it deletes and inserts as text, with
 * each follower's key column as text; a row deleted and inserted again unchanged changes no key,
 * so a follower recomputes only the keys whose rows differ, not every key of a rewritten bucket.
 * A value written differently (a numeric's scale) only makes a key recompute for nothing.
 */
final class ChangedKeys {

    /** The alias of the report's table in the recompute's DELETE and INSERT. */
    static final String ALIAS = "changed_row";

    private ChangedKeys() {}

    /** What the DELETE and the INSERT return besides the bucket: the row, and each follower's key. */
    static String returning(List<ReportState.KeyFeed> feeds) {
        if (feeds.isEmpty()) {
            return "";
        }
        StringBuilder sql = new StringBuilder(", " + ALIAS + "::text AS row_text");
        for (int i = 0; i < feeds.size(); i++) {
            sql.append(", ")
                    .append(ALIAS)
                    .append('.')
                    .append(DSL.name(feeds.get(i).keyColumn()))
                    .append("::text AS key_")
                    .append(i);
        }
        return sql.toString();
    }

    /** The keys, in follower {@code feed}'s column, of the rows deleted and not inserted again, or inserted anew. */
    static Set<String> of(List<Record> deleted, List<Record> inserted, int feed) {
        Set<String> before = rows(deleted);
        Set<String> after = rows(inserted);
        Set<String> keys = new TreeSet<>();
        collect(deleted, after, feed, keys);
        collect(inserted, before, feed, keys);
        return keys;
    }

    private static Set<String> rows(List<Record> rows) {
        Set<String> texts = new HashSet<>();
        rows.forEach(r -> texts.add(r.get("row_text", String.class)));
        return texts;
    }

    private static void collect(List<Record> rows, Set<String> other, int feed, Set<String> keys) {
        for (Record r : rows) {
            String key = r.get("key_" + feed, String.class);
            if (key != null && !other.contains(r.get("row_text", String.class))) {
                keys.add(key);
            }
        }
    }
}
