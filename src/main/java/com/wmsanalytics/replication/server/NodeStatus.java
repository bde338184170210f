package com.wmsanalytics.replication.server;

import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * One server for {@code status}: whether it is writable, what it replays from if it is a
 * standby, and the physical standbys it feeds if it is writable.
 *
 * @param node {@code replica} or {@code publisher NAME}
 * @param address {@code host:port} from the configuration
 * @param role {@code primary}, {@code standby} or {@code unreachable}
 */
public record NodeStatus(
        String node, String address, String role, Optional<String> upstream, List<StandbyReplay> standbys) {

    public NodeStatus {
        standbys = List.copyOf(standbys);
    }

    public static NodeStatus read(String node, String address, DSLContext db) {
        NodeRole role = NodeRole.read(db);
        return new NodeStatus(
                node, address, role.label(), role.upstream(), role.standby() ? List.of() : StandbyReplay.read(db));
    }

    public static NodeStatus unreachable(String node, String address) {
        return new NodeStatus(node, address, "unreachable", Optional.empty(), List.of());
    }
}
