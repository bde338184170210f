package com.wmsanalytics.config;

import java.util.Properties;
import org.postgresql.Driver;

/** Where a PostgreSQL server is and who to log in as. */
public record Endpoint(String url, String user, Secret password) {

    /** The {@code host:port/database} part of the URL, for messages. */
    public String describe() {
        return address() + "/" + database() + " as " + user;
    }

    /**
     * Each server the URL lists as {@code host:port}, comma-separated: {@code a:5432,b:5433} for
     * a multi-host URL, whose {@link #host()} and {@link #port()} are the lists {@code a,b} and
     * {@code 5432,5433}.
     */
    public String address() {
        String[] hosts = host().split(",", -1);
        String[] ports = port().split(",", -1);
        StringBuilder address = new StringBuilder();
        for (int i = 0; i < hosts.length; i++) {
            address.append(i == 0 ? "" : ",").append(hosts[i]).append(':').append(ports[Math.min(i, ports.length - 1)]);
        }
        return address.toString();
    }

    /** Whether the URL lists several servers, of which pgjdbc picks one. */
    public boolean multiHost() {
        return host().contains(",");
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

    /** The driver's reading of the URL, or null when it is not a PostgreSQL JDBC URL. */
    static Properties parse(String url) {
        return Driver.parseURL(url, new Properties());
    }

    private Properties parsed() {
        return parse(url);
    }
}
