package com.wmsanalytics.report;

import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.Record;

/**
 * The capture of updates and deletes on one mirror table: one row trigger per event, whatever
 * the number of reports that read the table. Each report's declaration adds its parts ({@code
 * analytics_control.capture_part}): a condition on OLD and NEW, and the statements that record
 * its buckets or keys when it holds. The function runs each part whose condition holds: one call
 * per change, however many reports it concerns. The trigger and its function are made again from
 * the parts whenever a report adds or drops its own, in that report's transaction; they are
 * named {@code capture_}, 12 hex digits of the table's name, and the event.
 *
 * <p>The trigger's WHEN clause is a cheap necessary condition of the parts, so that a change
 * that concerns no report calls nothing. The subscription's apply worker prepares a WHEN clause
 * again for every change it applies, at a cost that grows with the clause's size: a clause that
 * ORs every part's full condition cost the apply more than the calls it spared. A part of a time
 * source names its time column, and all such parts need only that the column's old or new value
 * is before the open window: one {@code LEAST(...) < now() - window} over the table's time
 * columns. The other parts' conditions are ORed as they are, once each.
 */
final class MergedCapture {

    enum Event {
        UPDATE("upd"),
        DELETE("del");

        final String suffix;

        Event(String suffix) {
            this.suffix = suffix;
        }
    }

    private final DSLContext db;
    private final MirrorDdl mirror;

    MergedCapture(DSLContext db) {
        this.db = db;
        this.mirror = new MirrorDdl(db);
    }

    /** The end of the open window: a time before it is in a closed bucket. */
    static String closed(DSLContext db) {
        String window = db.fetchOne("SELECT open_window::text AS open_window FROM analytics_control.capture_setting")
                .get("open_window", String.class);
        return "now() - " + inline(window) + "::interval";
    }

    /**
     * Records one part of a report's capture of {@code on}; {@link #install} then puts it in the
     * trigger. A part of a time source gives its time column: its condition holds only when the
     * column's old or new value is before the open window.
     */
    void add(
            ReportFile file,
            Source.Table on,
            Event event,
            int part,
            String condition,
            Optional<String> timeColumn,
            String body) {
        db.execute(
                "INSERT INTO analytics_control.capture_part (report_schema, report_name, source_table, event, part,"
                        + " condition, time_column, body) VALUES (?, ?, ?::regclass, ?, ?, ?, ?, ?)",
                file.schema(),
                file.name(),
                MirrorDdl.table(on).toString(),
                event.name(),
                part,
                condition,
                timeColumn.orElse(null),
                body);
    }

    /** Deletes a report's parts; returns the tables whose triggers must be made again. */
    List<Source.Table> forget(String schema, String report) {
        List<Source.Table> tables = db.fetch(
                        "SELECT DISTINCT n.nspname, c.relname FROM analytics_control.capture_part p"
                                + " JOIN pg_class c ON c.oid = p.source_table JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE p.report_schema = ? AND p.report_name = ? ORDER BY 1, 2",
                        schema,
                        report)
                .map(r -> new Source.Table(r.get("nspname", String.class), r.get("relname", String.class)));
        db.execute(
                "DELETE FROM analytics_control.capture_part WHERE report_schema = ? AND report_name = ?",
                schema,
                report);
        return tables;
    }

    /** Makes the table's capture triggers and functions from its parts, or drops them when it has none. */
    void install(Source.Table table) {
        String prefix = prefix(table);
        for (Event event : Event.values()) {
            String trigger = prefix + event.suffix;
            Name function = name("analytics_control", trigger);
            mirror.exec("DROP TRIGGER IF EXISTS " + name(trigger) + " ON " + MirrorDdl.table(table));
            mirror.exec("DROP FUNCTION IF EXISTS " + function + "()");
            List<Record> parts = db.fetch(
                    "SELECT condition, body, time_column FROM analytics_control.capture_part"
                            + " WHERE source_table = ?::regclass AND event = ? ORDER BY report_schema, report_name, part",
                    MirrorDdl.table(table).toString(),
                    event.name());
            if (parts.isEmpty()) {
                continue;
            }
            StringBuilder text = new StringBuilder("CREATE FUNCTION ")
                    .append(function)
                    .append("() RETURNS trigger LANGUAGE plpgsql AS $capture$\n")
                    .append("DECLARE zone text; parent_time timestamptz;\nBEGIN\n")
                    .append("    SELECT c.time_zone INTO zone FROM analytics_control.capture_setting c;\n");
            for (Record part : parts) {
                text.append("    IF ")
                        .append(part.get("condition", String.class))
                        .append(" THEN\n")
                        .append(part.get("body", String.class))
                        .append("    END IF;\n");
            }
            text.append("    RETURN NULL;\nEND;\n$capture$");
            mirror.exec(text.toString());
            mirror.trigger(table, trigger, event.name(), when(parts, event).orElse(null), function);
        }
    }

    /** The trigger's WHEN clause, or none when some part concerns every change. */
    private Optional<String> when(List<Record> parts, Event event) {
        Set<String> others = new LinkedHashSet<>();
        Set<String> times = new TreeSet<>();
        for (Record part : parts) {
            String timeColumn = part.get("time_column", String.class);
            if (timeColumn == null) {
                others.add(part.get("condition", String.class));
            } else {
                times.add(timeColumn);
            }
        }
        if (others.contains("true")) {
            return Optional.empty();
        }
        List<String> disjuncts = new ArrayList<>();
        if (!times.isEmpty()) {
            List<String> values = new ArrayList<>();
            for (String column : times) {
                values.add("OLD." + name(column));
                if (event == Event.UPDATE) {
                    values.add("NEW." + name(column));
                }
            }
            String earliest = values.size() == 1 ? values.get(0) : "LEAST(" + String.join(", ", values) + ")";
            disjuncts.add(earliest + " < " + closed(db));
        }
        others.forEach(condition -> disjuncts.add("(" + condition + ")"));
        return Optional.of(String.join(" OR ", disjuncts));
    }

    /** {@code capture_} and 12 hex digits of the table's name. */
    private static String prefix(Source.Table table) {
        return "capture_"
                + ReportFileParser.sha256(("table " + table.qualified()).getBytes(StandardCharsets.UTF_8))
                        .substring(0, 12)
                + "_";
    }
}
