package com.wmsanalytics.report;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a report file: a header of {@code -- key: value} lines at the top, which keeps the file
 * valid SQL, then the query. A blank line or the first line that is not a comment ends the
 * header; an empty {@code --} line inside it is skipped. The keys are {@code name}, {@code kind}, {@code group}, {@code unique-key},
 * {@code warn-after}, {@code error-after} and {@code description}.
 */
final class ReportFileParser {

    static final List<String> KEYS = List.of(
            "name",
            "kind",
            "group",
            "unique-key",
            "warn-after",
            "error-after",
            "description",
            "bucket",
            "lookback",
            "key",
            "source");

    private static final String IDENTIFIER = "[a-z_][a-z0-9_]{0,62}";

    /** The one key that may be given on several lines. */
    private static final String SOURCE = "source";

    private static final Pattern LOOKBACK = Pattern.compile("[1-9][0-9]?");
    private static final int MAX_LOOKBACK = 52;
    private static final Pattern BUCKET = Pattern.compile("(" + IDENTIFIER + ")\\s+by\\s+(day|week|month)");
    private static final Pattern SOURCE_VALUE = Pattern.compile("(" + IDENTIFIER + ")\\.(" + IDENTIFIER + ")\\.("
            + IDENTIFIER + ")(?:\\s*->\\s*(" + IDENTIFIER + ")\\.(" + IDENTIFIER + ")\\.(" + IDENTIFIER
            + "))?");

    private static final Pattern HEADER_LINE = Pattern.compile("--\\s*([A-Za-z][A-Za-z0-9_-]*)\\s*:\\s*(.*?)\\s*");
    private static final Pattern QUALIFIED = Pattern.compile("(" + IDENTIFIER + ")\\.(" + IDENTIFIER + ")");
    private static final Pattern COLUMN = Pattern.compile(IDENTIFIER);
    private static final Pattern GROUP = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Set<String> RESERVED_SCHEMAS = Set.of("analytics_control", "information_schema", "public");

    private final Set<String> mirrorSchemas;

    /** @param mirrorSchemas the schemas the subscriptions write, where no report may live */
    ReportFileParser(Set<String> mirrorSchemas) {
        this.mirrorSchemas = Set.copyOf(mirrorSchemas);
    }

    ReportFile parse(Path path, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<String> lines = Arrays.asList(text.split("\n", -1));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new LinkedHashMap<>();
        Map<Integer, String> sources = new LinkedHashMap<>();
        int line = 0;
        while (line < lines.size() && lines.get(line).startsWith("--")) {
            header(path, line + 1, lines.get(line), values, keyLines, sources);
            line++;
        }
        int queryLine = line + 1;
        String query = stripTrailingSemicolon(String.join("\n", lines.subList(line, lines.size())));
        String qualified = required(path, values, "name");
        Matcher name = QUALIFIED.matcher(qualified);
        if (!name.matches()) {
            throw new ReportFileException(
                    path,
                    keyLines.get("name"),
                    "name '" + qualified + "' is not schema.name in lower-case letters, digits and _");
        }
        checkSchema(path, keyLines.get("name"), name.group(1));
        if (query.isBlank()) {
            throw new ReportFileException(path, queryLine, "no query after the header");
        }
        Optional<Duration> warnAfter = duration(path, values, keyLines, "warn-after");
        Optional<Duration> errorAfter = duration(path, values, keyLines, "error-after");
        if (warnAfter.isPresent() && errorAfter.isPresent() && warnAfter.get().compareTo(errorAfter.get()) > 0) {
            throw new ReportFileException(
                    path, keyLines.get("warn-after"), "warn-after must not be longer than error-after");
        }
        ReportFile.Kind kind = kind(path, values, keyLines);
        List<String> uniqueKey = uniqueKey(path, values, keyLines);
        Optional<TimeBuckets> byTime = byTime(path, kind, values, keyLines, sources, uniqueKey);
        Optional<KeyedBy> byKey = byKey(path, kind, values, keyLines, sources, uniqueKey);
        return new ReportFile(
                path,
                name.group(1),
                name.group(2),
                kind,
                groups(path, values, keyLines),
                uniqueKey,
                warnAfter,
                errorAfter,
                Optional.ofNullable(values.get("description")),
                byTime,
                byKey,
                query,
                queryLine,
                keyLines,
                sha256(bytes));
    }

    /** {@code group: daily} or several, comma-separated, each once. */
    private static List<String> groups(Path path, Map<String, String> values, Map<String, Integer> keyLines) {
        String value = values.get("group");
        if (value == null) {
            return List.of();
        }
        List<String> groups = new ArrayList<>();
        for (String g : value.split(",", -1)) {
            String group = matching(path, keyLines, "group", g.strip(), GROUP);
            if (groups.contains(group)) {
                throw new ReportFileException(path, keyLines.get("group"), "group " + group + " is named twice");
            }
            groups.add(group);
        }
        return groups;
    }

    private static void header(
            Path path,
            int number,
            String line,
            Map<String, String> values,
            Map<String, Integer> keyLines,
            Map<Integer, String> sources) {
        if (line.substring(2).isBlank()) {
            return;
        }
        Matcher m = HEADER_LINE.matcher(line);
        if (!m.matches()) {
            throw new ReportFileException(
                    path,
                    number,
                    "a header line is '-- key: value' (keys: " + String.join(", ", KEYS)
                            + "); end the header with a blank line before other comments");
        }
        String key = m.group(1);
        if (!KEYS.contains(key)) {
            throw new ReportFileException(
                    path, number, "unknown key '" + key + "'; the keys are " + String.join(", ", KEYS));
        }
        if (key.equals(SOURCE)) {
            sources.put(number, m.group(2));
            keyLines.putIfAbsent(key, number);
            return;
        }
        if (values.putIfAbsent(key, m.group(2)) != null) {
            throw new ReportFileException(path, number, "'" + key + "' is declared twice");
        }
        keyLines.put(key, number);
    }

    /** The buckets and sources of a by-time report; a full report may not declare them. */
    private static Optional<TimeBuckets> byTime(
            Path path,
            ReportFile.Kind kind,
            Map<String, String> values,
            Map<String, Integer> keyLines,
            Map<Integer, String> sources,
            List<String> uniqueKey) {
        if (kind != ReportFile.Kind.BY_TIME) {
            refuse(path, keyLines, "bucket", "by-time", kind);
            refuse(path, keyLines, "lookback", "by-time", kind);
            if (kind == ReportFile.Kind.FULL || kind == ReportFile.Kind.TABLE) {
                refuse(path, keyLines, SOURCE, "by-time and by-key", kind);
            }
            return Optional.empty();
        }
        Matcher bucket = BUCKET.matcher(required(path, values, "bucket"));
        if (!bucket.matches()) {
            throw new ReportFileException(
                    path, keyLines.get("bucket"), "bucket is 'COLUMN by day', 'by week' or 'by month'");
        }
        if (!uniqueKey.contains(bucket.group(1))) {
            throw new ReportFileException(
                    path,
                    keyLines.getOrDefault("unique-key", 1),
                    "a by-time report needs a unique-key that holds its bucket column " + bucket.group(1));
        }
        List<Source> parsed = sources.isEmpty() ? List.of() : sources(path, "by-time", "time", sources, keyLines);
        TimeBuckets buckets =
                new TimeBuckets(bucket.group(1), bucket.group(2), lookback(path, values, keyLines), parsed);
        return Optional.of(buckets);
    }

    /** {@code lookback: N}, the buckets before its own that a bucket's row reads: 1 to 52, or none. */
    private static int lookback(Path path, Map<String, String> values, Map<String, Integer> keyLines) {
        String value = values.get("lookback");
        if (value == null) {
            return 0;
        }
        if (!LOOKBACK.matcher(value).matches() || Integer.parseInt(value) > MAX_LOOKBACK) {
            throw new ReportFileException(
                    path,
                    keyLines.get("lookback"),
                    "lookback '" + value + "' is not a number of buckets from 1 to " + MAX_LOOKBACK);
        }
        return Integer.parseInt(value);
    }

    private static void refuse(
            Path path, Map<String, Integer> keyLines, String key, String kinds, ReportFile.Kind kind) {
        if (keyLines.containsKey(key)) {
            throw new ReportFileException(
                    path, keyLines.get(key), "'" + key + "' is for kind " + kinds + "; this report is " + kind.word());
        }
    }

    /** The key and sources of a by-key report. */
    private static Optional<KeyedBy> byKey(
            Path path,
            ReportFile.Kind kind,
            Map<String, String> values,
            Map<String, Integer> keyLines,
            Map<Integer, String> sources,
            List<String> uniqueKey) {
        if (kind != ReportFile.Kind.BY_KEY) {
            refuse(path, keyLines, "key", "by-key", kind);
            return Optional.empty();
        }
        String key = matching(path, keyLines, "key", required(path, values, "key"), COLUMN);
        if (!uniqueKey.contains(key)) {
            throw new ReportFileException(
                    path,
                    keyLines.getOrDefault("unique-key", 1),
                    "a by-key report needs a unique-key that holds its key column " + key);
        }
        KeyedBy keyed = new KeyedBy(key, sources(path, "by-key", "key", sources, keyLines));
        return Optional.of(keyed);
    }

    /**
     * The source lines of an incremental report: at least one, no table twice, and each child's
     * parent a source itself, with the column that holds its time or key.
     */
    private static List<Source> sources(
            Path path, String kind, String column, Map<Integer, String> lines, Map<String, Integer> keyLines) {
        if (lines.isEmpty()) {
            throw new ReportFileException(
                    path,
                    1,
                    "a " + kind + " report needs at least one '-- source: schema.table." + column + "_column'");
        }
        List<Source> parsed = new ArrayList<>();
        lines.forEach((line, value) -> parsed.add(source(path, line, value)));
        for (Source s : parsed) {
            s.parent()
                    .filter(p -> parsed.stream()
                            .noneMatch(o ->
                                    o.table().equals(p.table()) && o.parent().isEmpty()))
                    .ifPresent(p -> {
                        throw new ReportFileException(
                                path,
                                s.line(),
                                "the parent " + p.table().qualified() + " is not a source with a " + column
                                        + " column; declare '-- source: "
                                        + p.table().qualified() + "."
                                        + column.toUpperCase(java.util.Locale.ROOT) + "_COLUMN' too");
                    });
        }
        if (parsed.stream().map(Source::table).distinct().count() < parsed.size()) {
            throw new ReportFileException(path, keyLines.get(SOURCE), "a table is declared as a source twice");
        }
        return parsed;
    }

    private static Source source(Path path, int line, String value) {
        Matcher m = SOURCE_VALUE.matcher(value);
        if (!m.matches()) {
            throw new ReportFileException(
                    path,
                    line,
                    "a source is 'schema.table.time_column', or 'schema.table.column -> schema.parent.key_column'"
                            + " for a table whose rows take the bucket of their parent row");
        }
        Optional<Source.Parent> parent = Optional.ofNullable(m.group(4))
                .map(s -> new Source.Parent(new Source.Table(s, m.group(5)), m.group(6)));
        return new Source(line, new Source.Table(m.group(1), m.group(2)), m.group(3), parent);
    }

    private void checkSchema(Path path, int line, String schema) {
        if (RESERVED_SCHEMAS.contains(schema) || schema.startsWith("pg_") || mirrorSchemas.contains(schema)) {
            throw new ReportFileException(
                    path,
                    line,
                    "a report cannot live in schema " + schema + " (the mirror, control and system schemas are not"
                            + " for reports)");
        }
    }

    private static String required(Path path, Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isEmpty()) {
            throw new ReportFileException(path, 1, "the header lacks '-- " + key + ": ...'");
        }
        return value;
    }

    private static ReportFile.Kind kind(Path path, Map<String, String> values, Map<String, Integer> keyLines) {
        String word = required(path, values, "kind");
        return Arrays.stream(ReportFile.Kind.values())
                .filter(k -> k.word().equals(word))
                .findFirst()
                .orElseThrow(() -> new ReportFileException(
                        path,
                        keyLines.get("kind"),
                        "kind '" + word + "' is not one of: "
                                + String.join(
                                        ", ",
                                        Arrays.stream(ReportFile.Kind.values())
                                                .map(ReportFile.Kind::word)
                                                .toList())));
    }

    private static List<String> uniqueKey(Path path, Map<String, String> values, Map<String, Integer> keyLines) {
        String value = values.get("unique-key");
        if (value == null) {
            return List.of();
        }
        List<String> columns =
                Arrays.stream(value.split(",", -1)).map(String::strip).toList();
        columns.forEach(c -> matching(path, keyLines, "unique-key", c, COLUMN));
        if (columns.stream().distinct().count() < columns.size()) {
            throw new ReportFileException(path, keyLines.get("unique-key"), "unique-key names a column twice");
        }
        return columns;
    }

    private static String matching(Path path, Map<String, Integer> keyLines, String key, String value, Pattern p) {
        if (!p.matcher(value).matches()) {
            throw new ReportFileException(
                    path,
                    keyLines.get(key),
                    key + " '" + value + "' is not a lower-case identifier (letters, digits, _)");
        }
        return value;
    }

    private static Optional<Duration> duration(
            Path path, Map<String, String> values, Map<String, Integer> keyLines, String key) {
        String value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            Duration d = ConfigFactory.empty()
                    .withValue("d", ConfigValueFactory.fromAnyRef(value))
                    .getDuration("d");
            if (d.isNegative() || d.isZero()) {
                throw new ReportFileException(path, keyLines.get(key), key + " must be longer than zero");
            }
            return Optional.of(d);
        } catch (ConfigException e) {
            throw new ReportFileException(
                    path, keyLines.get(key), key + " '" + value + "' is not a duration such as 30m, 26h or 8d");
        }
    }

    private static String stripTrailingSemicolon(String query) {
        String stripped = query.stripTrailing();
        return stripped.endsWith(";")
                ? stripped.substring(0, stripped.length() - 1).stripTrailing()
                : stripped;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
