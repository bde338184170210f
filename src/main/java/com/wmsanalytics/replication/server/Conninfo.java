package com.wmsanalytics.replication.server;

import com.wmsanalytics.config.Endpoint;
import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.config.Secret;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The libpq connection string a subscription stores to reach its publisher. It holds the
 * password only when one is configured; {@link #masked()} is the form that may be printed.
 */
public record Conninfo(String host, String port, String dbname, String user, Secret password) {

    public static Conninfo of(PublisherConfig p) {
        return new Conninfo(
                p.subscriptionHost().orElse(p.endpoint().host()),
                p.endpoint().port(),
                p.endpoint().database(),
                p.endpoint().user(),
                p.endpoint().password());
    }

    /**
     * The conninfo that names one host of a multi-host url: the current primary. It is not
     * multi-host itself, so the subscription never follows a promotion by itself (see the
     * guide's failover section).
     */
    public static Conninfo of(PublisherConfig p, int hostIndex) {
        Endpoint host = p.endpoint().eachHost().get(hostIndex);
        return new Conninfo(
                p.subscriptionHost()
                        .map(hosts -> hosts.split(",")[hostIndex].strip())
                        .orElse(host.host()),
                host.port(),
                host.database(),
                host.user(),
                host.password());
    }

    /** Whether a stored conninfo names the same host and port as this one. */
    public boolean sameServer(String stored) {
        return host.equals(value(stored, "host")) && port.equals(value(stored, "port"));
    }

    /** A keyword's value in a keyword/value conninfo, quoted or not; empty when absent. */
    public static String value(String conninfo, String keyword) {
        Matcher m = Pattern.compile("(?:^|\\s)" + keyword + "\\s*=\\s*('((?:\\\\.|[^'])*)'|(\\S+))")
                .matcher(conninfo);
        if (!m.find()) {
            return "";
        }
        return m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
    }

    /** The string to store in the subscription. Never print it. */
    public String reveal() {
        return render(password.reveal().orElse(null));
    }

    public String masked() {
        return render(password.isPresent() ? Secret.MASK : null);
    }

    private String render(String pass) {
        String base =
                "host=" + quote(host) + " port=" + quote(port) + " dbname=" + quote(dbname) + " user=" + quote(user);
        return pass == null ? base : base + " password=" + quote(pass);
    }

    /** libpq quoting: single quotes, with backslash and quote escaped by a backslash. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
