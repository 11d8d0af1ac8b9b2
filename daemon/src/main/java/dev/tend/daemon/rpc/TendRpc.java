package dev.tend.daemon.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import com.googlecode.jsonrpc4j.JsonRpcParam;

import java.util.Map;

/**
 * Every method of the protocol (DESIGN.md §4), as jsonrpc4j sees them: names and parameters here, the
 * work in the area classes. Parameters are named; optional ones carry {@link OptionalParam}.
 */
public final class TendRpc {
    private final DaemonMethods daemon;

    public TendRpc(DaemonInfo info) {
        this.daemon = new DaemonMethods(info);
    }

    @JsonRpcMethod("daemon.hello")
    public Map<String, Object> hello(@OptionalParam @JsonRpcParam("client") String client,
                                     @OptionalParam @JsonRpcParam("version") String version,
                                     @OptionalParam @JsonRpcParam("protocol") Integer protocol) {
        return daemon.hello();
    }

    @JsonRpcMethod("daemon.status")
    public Map<String, Object> status() {
        return daemon.status(Map.of());
    }

    @JsonRpcMethod("daemon.shutdown")
    public Map<String, Object> shutdown(@OptionalParam @JsonRpcParam("reason") String reason) {
        return daemon.shutdown(reason);
    }
}
