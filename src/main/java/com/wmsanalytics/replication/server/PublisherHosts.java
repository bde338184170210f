package com.wmsanalytics.replication.server;

import com.wmsanalytics.config.Endpoint;
import com.wmsanalytics.config.PublisherConfig;
import com.wmsanalytics.db.ConnectionException;
import com.wmsanalytics.db.OneConnection;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Reads {@link HostFacts} from every host of a publisher's URL, one connection each: a host
 * that cannot be reached is recorded as such, not thrown.
 */
public final class PublisherHosts {

    private final Duration connectTimeout;

    public PublisherHosts(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** One entry per host of the URL, in its order. */
    public List<HostFacts> read(PublisherConfig p) {
        return p.endpoint().eachHost().stream().map(host -> read(p, host)).toList();
    }

    private HostFacts read(PublisherConfig p, Endpoint host) {
        try {
            return OneConnection.with(
                    "publisher " + p.name() + " host " + host.address(),
                    host,
                    connectTimeout,
                    db -> HostFacts.read(host.address(), db));
        } catch (ConnectionException e) {
            return HostFacts.unreachable(host.address(), e.getMessage());
        }
    }

    /** The position of the only writable host; empty when none or several are. */
    public static OptionalInt primary(List<HostFacts> hosts) {
        int[] writable = IntStream.range(0, hosts.size())
                .filter(i -> hosts.get(i).primary())
                .toArray();
        return writable.length == 1 ? OptionalInt.of(writable[0]) : OptionalInt.empty();
    }
}
