package dev.tend.mcp;

import dev.tend.protocol.json.Json;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * The tools the server offers, each with its MCP annotations, and the one place that turns what a handler
 * returns or throws into a tool result: a {@link ToolError} becomes an error result with its message; anything
 * unforeseen becomes one that says so in a line, never a stack trace, and the server stays up.
 */
final class ToolSet {
    /** A tool's work: returns the answer's text, or a Map/List that is sent as JSON text. */
    @FunctionalInterface
    interface Handler {
        Object call(Args args);
    }

    private record Entry(McpSchema.Tool tool, boolean readOnly, Handler handler) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A tool that only reads: offered with --read-only too. */
    void reading(String name, String title, String description, Schema input, Handler handler) {
        add(name, title, description, input, handler, McpSchema.ToolAnnotations.builder().title(title)
                .readOnlyHint(true).destructiveHint(false).idempotentHint(true).openWorldHint(false).build(), true);
    }

    /**
     * A tool that changes what runs. {@code destructive}: it may end processes or undo work (stop, restart,
     * down); {@code idempotent}: calling it twice does no more than once.
     */
    void acting(String name, String title, String description, Schema input, boolean destructive,
                boolean idempotent, Handler handler) {
        add(name, title, description, input, handler, McpSchema.ToolAnnotations.builder().title(title)
                .readOnlyHint(false).destructiveHint(destructive).idempotentHint(idempotent).openWorldHint(false)
                .build(), false);
    }

    private void add(String name, String title, String description, Schema input, Handler handler,
                     McpSchema.ToolAnnotations annotations, boolean readOnly) {
        McpSchema.Tool tool = McpSchema.Tool.builder().name(name).title(title).description(description)
                .inputSchema(input.build()).annotations(annotations).build();
        entries.add(new Entry(tool, readOnly, handler));
    }

    List<SyncToolSpecification> specs(boolean readOnlyOnly) {
        List<SyncToolSpecification> specs = new ArrayList<>();
        for (Entry e : entries) {
            if (readOnlyOnly && !e.readOnly()) {
                continue;
            }
            specs.add(SyncToolSpecification.builder().tool(e.tool())
                    .callHandler((exchange, request) -> call(e.handler(), request.arguments())).build());
        }
        return specs;
    }

    static McpSchema.CallToolResult call(Handler handler, java.util.Map<String, Object> arguments) {
        try {
            Object answer = handler.call(new Args(arguments));
            String text = answer instanceof String s ? s : Json.write(answer);
            return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
        } catch (ToolError e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            // a bug in tend mcp, not the caller's doing: one line that says so, and the server goes on
            return error("internal error in tend mcp (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); please report it");
        }
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
