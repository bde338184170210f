package com.wmsanalytics.replication;

import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.config.Secret;

/**
 * The libpq connection string a subscription stores to reach its publisher. It holds the
 * password only when one is configured; {@link #masked()} is the form that may be printed.
 */
record Conninfo(String host, String port, String dbname, String user, Secret password) {

    static Conninfo of(PublisherConfig p) {
        return new Conninfo(
                p.subscriptionHost().orElse(p.endpoint().host()),
                p.endpoint().port(),
                p.endpoint().database(),
                p.endpoint().user(),
                p.endpoint().password());
    }

    /** The string to store in the subscription. Never print it. */
    String reveal() {
        return render(password.reveal().orElse(null));
    }

    String masked() {
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
