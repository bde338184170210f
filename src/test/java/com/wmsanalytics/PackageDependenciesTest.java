package com.wmsanalytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages' dependencies point one way: read from the main sources' imports, the graph of
 * packages has no cycle, nothing imports the command line, and the service's wiring
 * ({@code daemon}) is imported by the command line only. Replication's concerns are layered: the
 * server probes, the preflight, failover, then the catch-up gate and the setup stage. And no query's result is read by the
 * position of a column: each is named ({@code AS}) and read by that name.
 */
class PackageDependenciesTest {

    private static final Path MAIN = Path.of(System.getProperty("basedir", "."), "src/main/java/com/wmsanalytics");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package com\\.wmsanalytics\\.([a-z.]+);");
    private static final Pattern IMPORT =
            Pattern.compile("(?m)^import (?:static )?com\\.wmsanalytics\\.([a-z.]+)\\.[A-Z]");

    @Test
    void the_package_graph_has_no_cycle() {
        Map<String, Set<String>> graph = graph();
        assertTrue(graph.size() >= 15, "the packages: " + graph.keySet());
        List<String> cycle = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (cycle.isEmpty()) {
                cycle = cycleFrom(start, graph, new ArrayList<>(), new TreeSet<>());
            }
        }

        assertEquals(List.of(), cycle, "a cycle of package imports");
    }

    @Test
    void only_the_command_line_imports_the_wiring_and_nothing_imports_the_command_line() {
        graph().forEach((from, to) -> {
            assertTrue(!to.contains("cli"), from + " imports cli");
            assertTrue(!to.contains("daemon") || from.equals("cli"), from + " imports daemon");
        });
    }

    @Test
    void the_facade_and_the_service_reach_neither_the_generator_nor_the_demo() {
        Map<String, Set<String>> graph = graph();
        for (String pkg : List.of("service", "schedule", "daemon", "http", "metrics", "web", "refresh", "report")) {
            Set<String> imports = graph.getOrDefault(pkg, Set.of());
            assertTrue(!imports.contains("generate") && !imports.contains("demo"), pkg + " imports " + imports);
        }
    }

    @Test
    void the_replication_concerns_are_layered_servers_then_preflight_then_failover_then_the_gate_and_setup() {
        Map<String, Set<String>> graph = graph();
        Map<String, Set<String>> allowed = Map.of(
                "replication.server", Set.of(),
                "replication.preflight", Set.of("replication.server"),
                "replication.failover", Set.of("replication.server", "replication.preflight"),
                "replication.gate", Set.of("replication.server", "replication.failover"),
                "replication.setup", Set.of("replication.server", "replication.preflight", "replication.failover"));
        assertEquals(
                allowed.keySet(),
                new TreeSet<>(graph.keySet().stream()
                        .filter(p -> p.startsWith("replication"))
                        .toList()));
        allowed.forEach((pkg, may) -> {
            Set<String> reached = new TreeSet<>(graph.get(pkg));
            reached.removeIf(p -> !p.startsWith("replication"));
            assertTrue(may.containsAll(reached), pkg + " imports " + reached + ", beyond " + may);
        });
    }

    @Test
    void no_query_result_is_read_by_column_position() throws IOException {
        Pattern positional = Pattern.compile("\\.(get|getValues)\\(\\d+,");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java") && !p.toString().contains("/jooq/"))
                    .forEach(p -> {
                        List<String> lines = read(p).lines().toList();
                        for (int i = 0; i < lines.size(); i++) {
                            if (positional.matcher(lines.get(i)).find()) {
                                found.add(MAIN.relativize(p) + ":" + (i + 1));
                            }
                        }
                    });
        }

        assertEquals(List.of(), found, "reads by column position instead of by name");
    }

    private static List<String> cycleFrom(
            String node, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
        if (path.contains(node)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            cycle.add(node);
            return cycle;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> cycle = cycleFrom(next, graph, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }

    private static Map<String, Set<String>> graph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                String source = read(p);
                Matcher pkg = PACKAGE.matcher(source);
                if (!pkg.find()) {
                    return;
                }
                String from = owner(pkg.group(1));
                Set<String> imports = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    String to = owner(m.group(1));
                    if (!to.equals(from)) {
                        imports.add(to);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** The package a class belongs to, with jOOQ's generated classes counted in the package they serve. */
    private static String owner(String pkg) {
        int jooq = pkg.indexOf(".jooq");
        return jooq < 0 ? pkg : pkg.substring(0, jooq);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
