package dev.tend.daemon.rpc;

import dev.tend.protocol.ErrorCode;
import dev.tend.protocol.Methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** daemon.hello, daemon.status, daemon.shutdown, daemon.reload. */
final class DaemonMethods {
    /**
     * The areas of the protocol this daemon serves, for a peer to test before it relies on one (docs/protocol.md,
     * Handshake): a word is added with its area and never changes meaning; protocol bumps only on an incompatible
     * change.
     */
    static final List<String> CAPABILITIES = List.of("services", "logs", "history", "batch", "events", "usage",
            "jobs", "export", "discover", "config", "health", "tasks");

    private final DaemonInfo info;

    DaemonMethods(DaemonInfo info) {
        this.info = info;
    }

    /**
     * @param protocol the protocol the client speaks, if it says: one other than this daemon's is refused with
     *                 -32004, whose data tells the daemon's protocol, version and pid (so a client can still ask an
     *                 older daemon to shut down). A client's tend version alone is never refused: clients compare it.
     */
    Map<String, Object> hello(Integer protocol) {
        if (protocol != null && protocol != Methods.PROTOCOL_VERSION) {
            Map<String, Object> daemon = new LinkedHashMap<>();
            daemon.put("protocol", Methods.PROTOCOL_VERSION);
            daemon.put("version", info.version());
            daemon.put("pid", info.pid());
            throw new RpcException(ErrorCode.VERSION_MISMATCH, "this daemon speaks protocol " + Methods.PROTOCOL_VERSION
                    + " (tend " + info.version() + "), not " + protocol, daemon);
        }
        Map<String, Object> r = identity();
        r.put("capabilities", CAPABILITIES);
        // a client that sees a newer settings file than this asks for daemon.reload (docs/daemon.md)
        r.put("settingsModified", info.settingsModifiedMillis().getAsLong());
        List<String> notices = info.takeStartNotices().get();
        if (!notices.isEmpty()) {
            r.put("notices", notices);
        }
        return r;
    }

    /** Which daemon answers: the members hello and status begin with. */
    private Map<String, Object> identity() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", info.version());
        r.put("protocol", Methods.PROTOCOL_VERSION);
        r.put("pid", info.pid());
        r.put("instance", info.instance());
        r.put("startedAt", WireTime.of(info.startedAt()));
        return r;
    }

    Map<String, Object> status(Map<String, Object> extra) {
        Map<String, Object> r = identity();
        r.put("uptimeMillis", System.currentTimeMillis() - info.startedAt().toEpochMilli());
        r.put("socket", info.socket().toString());
        r.put("socketShortened", info.socketShortened());
        r.put("stateDir", info.stateDir().toString());
        r.put("transport", info.transport().get());
        r.put("connections", info.connections().getAsInt());
        r.put("startedBy", info.startedBy());
        r.putAll(extra);
        return r;
    }

    Map<String, Object> reload() {
        return info.reload().get();
    }

    Map<String, Object> shutdown(String reason) {
        info.requestShutdown().accept(reason == null || reason.isBlank() ? "daemon.shutdown" : reason);
        return Map.of("stopping", true);
    }
}
