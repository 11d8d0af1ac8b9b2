package dev.tend.mcp;

import java.util.List;

/**
 * The command line of `tend mcp`, parsed by hand (the launcher passes its whole argument list, so the word `mcp`
 * and tend's global options before it are accepted too).
 */
record Options(boolean readOnly, String instance, boolean help) {
    static final String USAGE = """
            Usage: tend mcp [--read-only] [--instance NAME]
            An MCP (Model Context Protocol) server on stdin/stdout, for coding agents: it lets an agent list your
            services, read their logs, start, stop and restart them, wait until one is ready, and run jobs, through
            the same daemon the tend command uses (started when needed). It is launched by the agent, not by you:
              claude mcp add tend -- tend mcp
            or in an agent's mcpServers configuration:
              {"mcpServers": {"tend": {"command": "tend", "args": ["mcp"]}}}
            Bare service names are looked up in the project of the directory the agent starts it in.
                  --read-only      offer only the tools that read (no start, stop, up, down, reload or job runs)
                  --instance NAME  talk to this tend instance (env TEND_INSTANCE)
              -h, --help           show this help
            Tools, resources and examples: docs/mcp.md.""";

    /** @throws IllegalArgumentException with a message that says which argument was wrong */
    static Options parse(List<String> args) {
        boolean readOnly = false;
        String instance = null;
        boolean help = false;
        boolean seenMcp = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "mcp" -> {
                    if (seenMcp) {
                        throw new IllegalArgumentException("unexpected argument 'mcp'");
                    }
                    seenMcp = true;
                }
                case "--read-only" -> readOnly = true;
                case "--instance" -> instance = value(args, ++i, a);
                case "--daemon-timeout" -> value(args, ++i, a); // a global option of tend; calls here wait as long as they take
                case "-h", "--help" -> help = true;
                case "--no-color", "-q", "--quiet" -> {
                    // global options of tend; the server prints nothing a human reads
                }
                default -> {
                    if (a.startsWith("--instance=")) {
                        instance = a.substring(11);
                        if (instance.isEmpty()) {
                            throw new IllegalArgumentException("--instance needs a value");
                        }
                    } else if (!a.startsWith("--daemon-timeout=")) {
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                    }
                }
            }
        }
        return new Options(readOnly, instance, help);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("-")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
