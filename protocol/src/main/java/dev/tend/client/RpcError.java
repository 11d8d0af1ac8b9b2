package dev.tend.client;

import dev.tend.protocol.ErrorCode;

/** A JSON-RPC error response from the daemon. */
public final class RpcError extends Exception {
    private final int code;
    private final Object data;

    public RpcError(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public int code() {
        return code;
    }

    /** The known code, or null for one this client does not know. */
    public ErrorCode errorCode() {
        return ErrorCode.of(code);
    }

    public Object data() {
        return data;
    }
}
