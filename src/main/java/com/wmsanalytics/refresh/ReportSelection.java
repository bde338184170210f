package com.wmsanalytics.refresh;

import com.wmsanalytics.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what a user typed (view names or a group) into catalog views. Every name is
 * matched against the catalog; nothing typed is ever put into SQL.
 */
public final class ReportSelection {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    private final ReportCatalog catalog;
    private final List<Report> views;

    public ReportSelection(ReportCatalog catalog) {
        this.catalog = catalog;
        this.views = catalog.all();
    }

    public List<Report> all() {
        return views;
    }

    public List<Report> group(String group) {
        List<Report> members =
                views.stream().filter(v -> v.groups().contains(group)).toList();
        if (members.isEmpty()) {
            throw new UsageException("unknown group '" + group + "'; groups: " + groups());
        }
        return members;
    }

    /**
     * The named reports, each with the incremental reports that it reads, transitively (its
     * ledgers, such as {@code customer_months} under {@code customer_summary}): a ledger costs
     * only its changed buckets or keys, and a report computed from a stale one would be stale
     * itself.
     */
    public List<Report> named(List<String> names) {
        Set<Report> chosen = new LinkedHashSet<>();
        names.forEach(n -> withLedgers(resolve(n), chosen));
        return new ArrayList<>(chosen);
    }

    private void withLedgers(Report view, Set<Report> chosen) {
        views.stream()
                .filter(v -> view.dependsOn().contains(v.qualified()))
                .filter(Report::isIncremental)
                .filter(v -> !chosen.contains(v))
                .forEach(v -> withLedgers(v, chosen));
        chosen.add(view);
    }

    private Report resolve(String typed) {
        if (!NAME.matcher(typed).matches()) {
            throw new UsageException("'" + typed + "' is not a view name; use schema.view (letters, digits and _)");
        }
        String name = typed.toLowerCase(Locale.ROOT);
        List<Report> matches = views.stream()
                .filter(v -> name.contains(".")
                        ? v.qualified().equals(name)
                        : v.name().equals(name))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new UsageException("'" + typed + "' is ambiguous: "
                    + matches.stream().map(Report::qualified).toList());
        }
        throw new UsageException(notFound(typed, name));
    }

    private String notFound(String typed, String name) {
        if (name.contains(".")) {
            String[] parts = name.split("\\.", 2);
            var kind = catalog.kindOf(parts[0], parts[1]);
            if (kind.isPresent()) {
                return "'" + typed + "' is " + kind.get() + ", not a report; 'wms-analytics views' lists them";
            }
        }
        return "unknown view '" + typed + "'; 'wms-analytics views' lists them";
    }

    private List<String> groups() {
        return views.stream()
                .flatMap(v -> v.groups().stream())
                .distinct()
                .sorted()
                .toList();
    }
}
