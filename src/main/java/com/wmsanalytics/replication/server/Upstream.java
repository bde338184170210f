package com.wmsanalytics.replication.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code host:port} of a libpq connection string, key/value or URI form, such as a
 * standby's {@code primary_conninfo}. Nothing else of it is kept, so no password can leak.
 */
final class Upstream {

    private static final Pattern KEY_VALUE = Pattern.compile("(\\w+)\\s*=\\s*('((?:\\\\.|[^'\\\\])*)'|\\S+)");
    private static final Pattern URI =
            Pattern.compile("^postgres(?:ql)?://(?:[^@/]*@)?([^:/?]+|\\[[^\\]]+\\])(?::(\\d+))?");

    private Upstream() {}

    static Optional<String> of(String conninfo) {
        if (conninfo == null || conninfo.isBlank()) {
            return Optional.empty();
        }
        Matcher uri = URI.matcher(conninfo.strip());
        if (uri.find()) {
            return Optional.of(uri.group(1) + ":" + (uri.group(2) == null ? "5432" : uri.group(2)));
        }
        Map<String, String> keys = new HashMap<>();
        Matcher kv = KEY_VALUE.matcher(conninfo);
        while (kv.find()) {
            keys.put(kv.group(1), kv.group(3) != null ? kv.group(3).replaceAll("\\\\(.)", "$1") : kv.group(2));
        }
        String host = keys.getOrDefault("host", keys.get("hostaddr"));
        return host == null ? Optional.empty() : Optional.of(host + ":" + keys.getOrDefault("port", "5432"));
    }
}
