package dev.tend.mcp;

/**
 * A tool call that cannot be done, in words for the model (the daemon's own message where it has one). The one
 * place that builds tool results ({@link ToolSet}) turns it into an MCP tool error; it never carries a stack trace.
 */
final class ToolError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ToolError(String message) {
        super(message, null, false, false);
    }
}
