package dev.tend.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * `tend mcp` driven by a client written by someone else: the TypeScript MCP SDK's, in
 * src/test/node/mcp-client (its dependencies pinned in package-lock.json; .ci/run installs node and runs npm ci).
 * Without node or those modules the test is skipped on a developer's machine and fails under CI.
 */
class NodeMcpClientIT {
    private static final Path CLIENT = TendHome.ROOT.resolve("integration-tests/src/test/node/mcp-client");

    private static boolean nodeReady() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0
                    && Files.isDirectory(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk"));
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theTypeScriptSdkClientListsToolsAndCallsThem() throws Exception {
        if (!nodeReady()) {
            if (System.getenv("CI") != null) {
                fail("node and " + CLIENT + "/node_modules are needed under CI (.ci/run installs them)");
            }
            Assumptions.abort("node, or npm ci in " + CLIENT + ", is missing");
        }
        try (TendHome tend = new TendHome()) {
            Path dir = Files.createDirectories(tend.home().resolve("node"));
            Files.writeString(dir.resolve("tend.yaml"), """
                    project: node
                    services:
                      echo:
                        command: "echo hi; exec sleep 1000"
                    """);
            Process node = tend.command("node", CLIENT.resolve("client.mjs").toString(),
                    TendHome.LAUNCHER.toString(), dir.toString()).directory(CLIENT.toFile()).start();
            TendHome.Result r = TendHome.finish(node);
            assertEquals(0, r.exit(), r.toString());
            String out = r.out();
            assertTrue(out.contains("\"server\":\"tend\""), out);
            assertTrue(out.contains("\"list_services\"") && out.contains("\"wait_for_service\""), out);
            assertTrue(out.contains("\"up\":{\"isError\":false"), out);
            assertTrue(out.contains("node/echo") && out.contains("\\\"state\\\":\\\"ready\\\""), out);
            assertTrue(out.contains("\"bad\":{\"isError\":true") && out.contains("nosuch"), out);
            assertTrue(out.contains("\"down\":{\"isError\":false}"), out);
        }
    }
}
