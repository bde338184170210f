package com.wmsanalytics.http;

import com.wmsanalytics.http.Scrape.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4. Any line that does not
 * follow it fails with an AssertionError naming the line: comments other than HELP and TYPE,
 * bad names, unquoted or badly escaped label values, values that are not numbers, samples
 * without a TYPE, a metric's lines not in one group, and a series given twice.
 */
final class PrometheusTextParser {

    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([^ ]+)(?: (.*))?");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern VALUE_AND_TIMESTAMP = Pattern.compile("[ \\t]+([^ \\t]+)(?:[ \\t]+(-?[0-9]+))?");
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private final Map<String, String> types = new HashMap<>();
    private final Set<String> helps = new HashSet<>();
    private final Set<String> finishedFamilies = new HashSet<>();
    private final Set<String> series = new HashSet<>();
    private final List<Sample> samples = new ArrayList<>();
    private String family;
    private String line;
    private int number;

    private PrometheusTextParser() {}

    static Scrape parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the text does not end with a line feed");
        }
        PrometheusTextParser parser = new PrometheusTextParser();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            parser.line(i + 1, lines[i]);
        }
        return new Scrape(List.copyOf(parser.samples));
    }

    private void line(int lineNumber, String text) {
        this.number = lineNumber;
        this.line = text;
        if (text.isEmpty()) {
            return;
        }
        if (text.startsWith("#")) {
            comment();
        } else {
            sample();
        }
    }

    private void comment() {
        Matcher m = COMMENT.matcher(line);
        check(m.matches(), "a comment other than # HELP or # TYPE");
        String name = m.group(2);
        check(METRIC_NAME.matcher(name).matches(), "an invalid metric name " + name);
        enter(name);
        if (m.group(1).equals("HELP")) {
            check(helps.add(name), "a second HELP for " + name);
            checkEscapes(m.group(3) == null ? "" : m.group(3), "\\n");
        } else {
            check(m.group(3) != null && TYPES.contains(m.group(3)), "an unknown type " + m.group(3));
            check(!types.containsKey(name), "a second TYPE for " + name);
            types.put(name, m.group(3));
        }
    }

    private void sample() {
        Matcher name = METRIC_NAME.matcher(line);
        check(name.lookingAt(), "a sample line that does not start with a metric name");
        int at = name.end();
        Map<String, String> labels = new HashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(at + 1, labels);
        }
        Matcher rest = VALUE_AND_TIMESTAMP.matcher(line.substring(at));
        check(rest.matches(), "no value after the name and labels");
        double value = number(rest.group(1));
        String sampleName = name.group();
        enter(familyOf(sampleName, labels));
        String key = sampleName + new TreeMap<>(labels);
        check(series.add(key), "the series " + key + " a second time");
        samples.add(new Sample(sampleName, Map.copyOf(labels), value));
    }

    /** Parses labels from just after the brace; returns the position after the closing brace. */
    private int labels(int from, Map<String, String> labels) {
        int at = from;
        while (true) {
            check(at < line.length(), "labels without a closing brace");
            if (line.charAt(at) == '}') {
                return at + 1;
            }
            Matcher name = LABEL_NAME.matcher(line).region(at, line.length());
            check(name.lookingAt(), "an invalid label name at column " + (at + 1));
            check(!name.group().startsWith("__"), "a reserved label name " + name.group());
            at = name.end();
            check(line.startsWith("=\"", at), "a label without =\" after its name");
            int end = closingQuote(at + 2);
            String value = line.substring(at + 2, end);
            checkEscapes(value, "\\\"n");
            check(labels.put(name.group(), unescape(value)) == null, "the label " + name.group() + " twice");
            at = end + 1;
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            } else {
                check(at < line.length() && line.charAt(at) == '}', "labels not separated by commas");
            }
        }
    }

    private int closingQuote(int from) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '"') {
                return i;
            }
        }
        throw failure("a label value without a closing quote");
    }

    /** The family a sample belongs to: its own name, or a histogram's or summary's base name. */
    private String familyOf(String name, Map<String, String> labels) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
            String type = base == null ? null : types.get(base);
            if ("histogram".equals(type) || ("summary".equals(type) && !suffix.equals("_bucket"))) {
                check(!suffix.equals("_bucket") || labels.containsKey("le"), "a bucket without le");
                return base;
            }
        }
        throw failure("a sample " + name + " without a TYPE before it");
    }

    /** The lines of one metric come in one group: a family that was left is not entered again. */
    private void enter(String name) {
        if (name.equals(family)) {
            return;
        }
        check(!finishedFamilies.contains(name), "the lines of " + name + " not in one group");
        if (family != null) {
            finishedFamilies.add(family);
        }
        family = name;
    }

    private double number(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                check(NUMBER.matcher(text).matches(), "a value that is not a number: " + text);
                return Double.parseDouble(text);
        }
    }

    private void checkEscapes(String text, String allowed) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                check(i + 1 < text.length() && allowed.indexOf(text.charAt(i + 1)) >= 0, "a bad escape in " + text);
                i++;
            }
        }
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                c = value.charAt(++i) == 'n' ? '\n' : value.charAt(i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            throw failure(what);
        }
    }

    private AssertionError failure(String what) {
        return new AssertionError("line " + number + ": " + what + ": " + line);
    }
}
