package dev.tend.mcp;

/**
 * A tool call that cannot be done, in words for the model (the daemon's own message where it has one). The one
 * place that builds tool results ({@link ToolSet}) turns it into an MCP tool error; it never carries a stack trace.
 */
final class ToolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The daemon answered Not found: what was asked for is not there (a resource read says so by its own code). */
    private final boolean notFound;

    ToolError(String message) {
        this(message, false);
    }

    ToolError(String message, boolean notFound) {
        super(message, null, false, false);
        this.notFound = notFound;
    }

    boolean notFound() {
        return notFound;
    }
}
