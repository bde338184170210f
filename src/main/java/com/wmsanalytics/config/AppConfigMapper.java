package com.wmsanalytics.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps the merged configuration onto {@link AppConfig}, failing on the first bad key. */
final class AppConfigMapper {

    /** The targetServerType values with which pgjdbc connects only to a writable server ({@code master} is the old name). */
    private static final Set<String> WRITABLE = Set.of("primary", "master");

    /** What this program accepts as a publication, subscription or schema name. */
    static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final ConfigReader root;
    private final String source;

    AppConfigMapper(ConfigReader root, String source) {
        this.root = root;
        this.source = source;
    }

    AppConfig map() {
        ConfigReader replica = root.at("replica");
        RefreshSettings refresh = refresh(root.at("refresh"));
        if (replica.positiveInt("pool-size") < refresh.parallelism() + 2) {
            throw replica.error(
                    "pool-size",
                    "must be at least refresh.parallelism + 2 (" + (refresh.parallelism() + 2)
                            + "): one connection per parallel refresh, one for the run's history, one for the gate");
        }
        return new AppConfig(
                source,
                writableEndpoint(replica),
                replica.positiveInt("pool-size"),
                replica.positiveDuration("connect-timeout"),
                publishers(),
                root.at("setup").positiveDuration("sync-timeout"),
                new GateSettings(
                        root.at("gate").positiveDuration("timeout"),
                        root.at("gate").positiveDuration("poll-interval")),
                refresh,
                root.at("history").positiveDuration("retention"),
                root.at("history").positiveDuration("summarize-after"),
                root.at("backup").positiveDuration("retention"),
                ServiceSettingsMapper.scheduler(root.at("scheduler")),
                ServiceSettingsMapper.http(root.at("http")),
                FreshnessMapper.map(root.at("freshness")),
                root.at("reports")
                        .optionalString("dir")
                        .map(d -> ServiceSettingsMapper.path(root.at("reports"), "dir")));
    }

    private static RefreshSettings refresh(ConfigReader refresh) {
        return new RefreshSettings(
                refresh.positiveInt("parallelism"),
                refresh.positiveDuration("statement-timeout"),
                refresh.positiveDuration("lock-timeout"),
                timeZone(refresh, "time-zone"),
                refresh.bool("recompute-jit"),
                refresh.bool("full-jit"),
                refresh.intBetween("full-rebuild-percent", 1, 100));
    }

    private static String timeZone(ConfigReader r, String key) {
        TimeZones.ZoneIdOrReason parsed = TimeZones.parse(r.string(key));
        return parsed.zone().orElseThrow(() -> r.error(key, parsed.reason())).getId();
    }

    private List<PublisherConfig> publishers() {
        List<ConfigReader> entries = root.objectList("publishers");
        if (entries.isEmpty()) {
            throw root.error("publishers", "at least one publisher is required");
        }
        ConfigReader defaults = root.at("publisher-defaults");
        List<PublisherConfig> publishers = entries.stream()
                .map(e -> publisher(e.withFallback(defaultsFor(e, defaults))))
                .toList();
        requireUnique(publishers.stream().map(PublisherConfig::name).toList(), "name");
        requireUnique(publishers.stream().map(PublisherConfig::subscription).toList(), "subscription");
        requireDisjointSplits(publishers);
        return publishers;
    }

    /** An entry's own password or password-file replaces the other one of the defaults. */
    private static ConfigReader defaultsFor(ConfigReader entry, ConfigReader defaults) {
        if (entry.isSet("password-file")) {
            return defaults.without("password");
        }
        return entry.isSet("password") ? defaults.without("password-file") : defaults;
    }

    private PublisherConfig publisher(ConfigReader p) {
        Endpoint endpoint = endpoint(p);
        List<String> schemas = p.stringList("schemas").stream()
                .map(s -> checkIdentifier(p, "schemas", s))
                .toList();
        return new PublisherConfig(
                identifier(p, "name"),
                endpoint,
                identifier(p, "publication"),
                identifier(p, "subscription"),
                schemas,
                tables(p, schemas),
                subscriptionHost(p, endpoint),
                p.bool("failover"));
    }

    /** Each entry of {@code tables} is {@code schema.table}, in one of the entry's schemas, named once. */
    private static List<String> tables(ConfigReader p, List<String> schemas) {
        List<String> tables = p.stringList("tables");
        for (String table : tables) {
            String[] parts = table.split("\\.", -1);
            if (parts.length != 2
                    || !IDENTIFIER.matcher(parts[0]).matches()
                    || !IDENTIFIER.matcher(parts[1]).matches()) {
                throw p.error("tables", "'" + table + "' is not schema.table in plain lower-case identifiers");
            }
            if (!schemas.contains(parts[0])) {
                throw p.error(
                        "tables",
                        "'" + table + "' is not in this publisher's schemas (" + String.join(", ", schemas) + ")");
            }
        }
        if (new HashSet<>(tables).size() != tables.size()) {
            throw p.error("tables", "names a table twice");
        }
        return tables;
    }

    /**
     * Entries for one database split its tables: each has a publication of its own, and no table
     * is published by two of them (an entry without {@code tables} publishes every table), so
     * that no change is applied twice.
     */
    private void requireDisjointSplits(List<PublisherConfig> publishers) {
        for (int i = 0; i < publishers.size(); i++) {
            for (int j = i + 1; j < publishers.size(); j++) {
                PublisherConfig a = publishers.get(i);
                PublisherConfig b = publishers.get(j);
                if (!sameDatabase(a.endpoint(), b.endpoint())) {
                    continue;
                }
                String both = "publishers " + a.name() + " and " + b.name() + " read one database";
                if (a.publication().equals(b.publication())) {
                    throw root.error(
                            "publishers",
                            both + " through one publication '" + a.publication() + "'; give each its own publication");
                }
                List<String> common =
                        a.schemas().stream().filter(b.schemas()::contains).toList();
                if (common.isEmpty()) {
                    continue;
                }
                if (a.tables().isEmpty() && b.tables().isEmpty()) {
                    throw root.error(
                            "publishers",
                            both + " and would both publish every table of " + String.join(", ", common)
                                    + "; split the tables between them with each one's tables key");
                }
                PublisherConfig listing = a.tables().isEmpty() ? b : a;
                PublisherConfig other = listing == a ? b : a;
                List<String> shared =
                        listing.tables().stream().filter(t -> covers(other, t)).toList();
                if (!shared.isEmpty()) {
                    throw root.error(
                            "publishers",
                            both + " and would both publish " + String.join(", ", shared)
                                    + "; split the tables between them with each one's tables key");
                }
            }
        }
    }

    private static boolean covers(PublisherConfig p, String table) {
        return p.tables().isEmpty()
                ? p.schemas().contains(table.substring(0, table.indexOf('.')))
                : p.tables().contains(table);
    }

    private static boolean sameDatabase(Endpoint a, Endpoint b) {
        return a.addresses().equals(b.addresses()) && a.database().equals(b.database());
    }

    /** With a multi-host url, one subscription host per host of the url. */
    private static Optional<String> subscriptionHost(ConfigReader p, Endpoint endpoint) {
        Optional<String> hosts = p.optionalString("subscription-host");
        int urlHosts = endpoint.host().split(",").length;
        if (hosts.isPresent() && hosts.get().split(",").length != urlHosts) {
            throw p.error(
                    "subscription-host",
                    "names " + hosts.get().split(",").length + " host(s) but url names " + urlHosts
                            + ": give one per host of url, comma-separated, in the same order");
        }
        return hosts;
    }

    /**
     * The replica: a multi-host URL must ask for the writable server, or pgjdbc would connect to
     * whichever answers first, a standby too.
     */
    private Endpoint writableEndpoint(ConfigReader r) {
        Endpoint endpoint = endpoint(r);
        if (endpoint.multiHost() && !WRITABLE.contains(endpoint.targetServerType())) {
            throw r.error(
                    "url",
                    "lists several hosts (" + endpoint.addresses() + ") but targetServerType is "
                            + endpoint.targetServerType()
                            + "; add ?targetServerType=primary so that only the writable one is used");
        }
        return endpoint;
    }

    private Endpoint endpoint(ConfigReader r) {
        String url = r.string("url");
        if (Endpoint.parse(url) == null) {
            throw r.error("url", "not a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/wms_db");
        }
        return new Endpoint(url, r.string("user"), password(r));
    }

    private static Secret password(ConfigReader r) {
        Optional<String> inline = r.optionalString("password");
        Optional<String> file = r.optionalString("password-file");
        if (inline.isPresent() && file.isPresent()) {
            throw r.error("password-file", "set either password or password-file, not both");
        }
        return file.map(f -> readPasswordFile(r, f)).orElseGet(() -> Secret.of(inline.orElse(null)));
    }

    private static Secret readPasswordFile(ConfigReader r, String file) {
        try {
            return Secret.of(Files.readString(Path.of(file)).strip());
        } catch (IOException e) {
            throw r.error(
                    "password-file", "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String identifier(ConfigReader r, String key) {
        return checkIdentifier(r, key, r.string(key));
    }

    private static String checkIdentifier(ConfigReader r, String key, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw r.error(key, "'" + value + "' is not a plain lower-case identifier (letters, digits, _)");
        }
        return value;
    }

    private void requireUnique(List<String> values, String key) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw root.error("publishers", "two publishers share the " + key + " '" + v + "'");
            }
        }
    }
}
