package com.wmsanalytics.config;

import java.util.Properties;
import org.postgresql.Driver;

/** Where a PostgreSQL server is and who to log in as. */
public record Endpoint(String url, String user, Secret password) {

    /** The {@code host:port/database} part of the URL, for messages. */
    public String describe() {
        return host() + ":" + port() + "/" + database() + " as " + user;
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
