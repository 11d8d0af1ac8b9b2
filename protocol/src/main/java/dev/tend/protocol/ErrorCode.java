package dev.tend.protocol;

/**
 * Every JSON-RPC error code tend sends: the specification's own, then tend's application codes
 * in the range the specification leaves to servers (-32000..-32099).
 */
public enum ErrorCode {
    PARSE_ERROR(-32700, "Parse error"),
    INVALID_REQUEST(-32600, "Invalid Request"),
    METHOD_NOT_FOUND(-32601, "Method not found"),
    INVALID_PARAMS(-32602, "Invalid params"),
    INTERNAL_ERROR(-32603, "Internal error"),

    /** A project, service, job or subscription named in the request does not exist. */
    NOT_FOUND(-32001, "Not found"),
    /** The request contradicts current state (e.g. a name already taken). */
    CONFLICT(-32002, "Conflict"),
    /** A project file was rejected; data carries {file, line, reason}. */
    INVALID_CONFIG(-32003, "Invalid configuration"),
    /** Client and daemon versions cannot work together. */
    VERSION_MISMATCH(-32004, "Version mismatch"),
    /** The daemon is shutting down and takes no new work. */
    SHUTTING_DOWN(-32005, "Shutting down"),
    /** The operation was valid but did not succeed (e.g. a service failed to start). */
    OPERATION_FAILED(-32006, "Operation failed");

    private final int code;
    private final String defaultMessage;

    ErrorCode(int code, String defaultMessage) {
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    public int code() {
        return code;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
