package dev.tend.daemon.rpc;

import dev.tend.protocol.ErrorCode;

import java.util.Objects;

/**
 * The one exception a method handler throws for an expected failure. The endpoint answers it with
 * {@code error.code}, {@code error.message} and, when not null, {@code error.data} (serialized with the
 * endpoint's mapper). Anything else a handler throws is answered as -32603 "Internal error".
 * The one shape for every code (docs/protocol.md, Errors): the message says what is wrong in words, for a human;
 * data, if any, is an object for programs (e.g. {file, line, reason}), never the words again.
 */
public class RpcException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object data;

    public RpcException(ErrorCode code, String message, Object data) {
        super(message == null ? Objects.requireNonNull(code, "code").defaultMessage() : message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.data = data;
    }

    public RpcException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** What goes into {@code error.data}, or null to leave it out. */
    public Object data() {
        return data;
    }
}
