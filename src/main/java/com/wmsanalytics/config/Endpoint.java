package com.wmsanalytics.config;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.postgresql.Driver;

/** Where a PostgreSQL server is and who to log in as. */
public record Endpoint(String url, String user, Secret password) {

    /** The {@code host:port/database} part of the URL, for messages; every host's for a multi-host URL. */
    public String describe() {
        return addresses() + "/" + database() + " as " + user;
    }

    /**
     * Each server the URL lists as {@code host:port}, comma-separated: {@code a:5432,b:5433} for
     * a multi-host URL, whose {@link #host()} and {@link #port()} are the lists {@code a,b} and
     * {@code 5432,5433}.
     */
    public String addresses() {
        String[] hosts = host().split(",", -1);
        String[] ports = port().split(",", -1);
        StringBuilder address = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            address.append(i == 0 ? "" : ",").append(hosts[i]).append(':').append(ports[Math.min(i, ports.length - 1)]);
        }
        return address.toString();
    }

    /** The URL's {@code targetServerType}, {@code any} when it sets none. */
    public String targetServerType() {
        return parsed().getProperty("targetServerType", "any");
    }

    public String host() {
        return parsed().getProperty("PGHOST");
    }

    public String port() {
        return parsed().getProperty("PGPORT");
    }

    public String database() {
        return parsed().getProperty("PGDBNAME");
    }

    /** Whether the URL lists several hosts, as pgjdbc's {@code host1:port1,host2:port2}. */
    public boolean multiHost() {
        return host().contains(",");
    }

    /**
     * One endpoint per host of the URL, in the URL's order, each a single-host URL with the same
     * database, login and parameters, but for those that choose among hosts
     * ({@code targetServerType}, {@code loadBalanceHosts}, {@code hostRecheckSeconds}).
     */
    public List<Endpoint> eachHost() {
        if (!url.startsWith(PREFIX) || url.indexOf('/', PREFIX.length()) < 0) {
            return List.of(this);
        }
        String[] hosts = host().split(",");
        String[] ports = port().split(",");
        String rest = url.substring(url.indexOf('/', PREFIX.length()));
        return IntStream.range(0, hosts.length)
                .mapToObj(
                        i -> new Endpoint(PREFIX + hosts[i] + ":" + ports[i] + withoutHostChoice(rest), user, password))
                .toList();
    }

    /** {@code host:port} of a single-host endpoint, for messages. */
    public String address() {
        return host() + ":" + port();
    }

    private static String withoutHostChoice(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        if (q < 0) {
            return pathAndQuery;
        }
        String kept = Arrays.stream(pathAndQuery.substring(q + 1).split("&"))
                .filter(param -> !HOST_CHOICE.contains(param.split("=", 2)[0]))
                .collect(Collectors.joining("&"));
        return pathAndQuery.substring(0, q) + (kept.isEmpty() ? "" : "?" + kept);
    }

    private static final String PREFIX = "jdbc:postgresql://";
    private static final List<String> HOST_CHOICE =
            List.of("targetServerType", "loadBalanceHosts", "hostRecheckSeconds");

    /** The driver's reading of the URL, or null when it is not a PostgreSQL JDBC URL. */
    static Properties parse(String url) {
        return Driver.parseURL(url, new Properties());
    }

    private Properties parsed() {
        return parse(url);
    }
}
