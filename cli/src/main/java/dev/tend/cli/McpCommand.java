package dev.tend.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Listed for --help, completion and the manual; the MCP server is a program of its own (the MCP SDK, its own JVM),
 * which bin/tend starts for `tend mcp` before this CLI is reached. The options here mirror the server's own.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"An MCP server on stdin/stdout for coding agents: list, read logs of, start, stop and wait for "
                + "services, run jobs.", "Launched by the agent, not by you: `claude mcp add tend -- tend mcp`, or "
                + "{\"command\": \"tend\", \"args\": [\"mcp\"]} in an agent's mcpServers. See docs/mcp.md."})
final class McpCommand extends TendSubcommand {
    @Option(names = "--read-only", description = "Offer only the tools that read (no start, stop, up, down, reload "
            + "or job runs).")
    boolean readOnly;

    @Override
    public Integer call() {
        // Reached only when the CLI's Main runs without bin/tend in front (an IDE, a hand-made java command).
        String launcher = System.getProperty("tend.launcher");
        throw new CliException(ExitCode.USAGE, "the MCP server runs in a JVM of its own: start it through the "
                + "launcher, as `" + (launcher != null ? launcher : "bin/tend") + " mcp`");
    }
}
