package dev.tend.daemon.rpc;

import dev.tend.protocol.Methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** daemon.hello, daemon.status, daemon.shutdown, daemon.reload. */
final class DaemonMethods {
    static final List<String> CAPABILITIES = List.of("services", "logs", "history", "batch");

    private final DaemonInfo info;

    DaemonMethods(DaemonInfo info) {
        this.info = info;
    }

    Map<String, Object> hello() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", info.version());
        r.put("protocol", Methods.PROTOCOL_VERSION);
        r.put("pid", info.pid());
        r.put("instance", info.instance());
        r.put("startedAt", WireTime.of(info.startedAt()));
        r.put("capabilities", CAPABILITIES);
        // a client that sees a newer settings file than this asks for daemon.reload (docs/daemon.md)
        r.put("settingsModified", info.settingsModifiedMillis().getAsLong());
        List<String> notices = info.takeStartNotices().get();
        if (!notices.isEmpty()) {
            r.put("notices", notices);
        }
        return r;
    }

    Map<String, Object> status(Map<String, Object> extra) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", info.version());
        r.put("protocol", Methods.PROTOCOL_VERSION);
        r.put("pid", info.pid());
        r.put("instance", info.instance());
        r.put("startedAt", WireTime.of(info.startedAt()));
        r.put("uptimeMillis", System.currentTimeMillis() - info.startedAt().toEpochMilli());
        r.put("socket", info.socket().toString());
        r.put("socketShortened", info.socketShortened());
        r.put("stateDir", info.stateDir().toString());
        r.put("transport", info.transport().get());
        r.put("connections", info.connections().getAsInt());
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
