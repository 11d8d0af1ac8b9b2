package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Follow commands in a shell pipeline whose reader goes away (`| head -1`, `| true`): they end quietly with 141,
 * as a tool killed by SIGPIPE does, whether or not anything new is written after the reader left.
 */
class FollowPipeIT {
    private static TendHome tend;
    private static TendProject shop;

    @BeforeAll
    static void startProject() throws Exception {
        tend = new TendHome();
        shop = new TendProject(tend, "shop", """
                project: shop
                services:
                  quiet:
                    command: echo hello; exec sleep 600
                  chatty:
                    command: while :; do echo tick; sleep 0.2; done
                """);
        shop.ok("up", "--wait");
        TendProject.await("quiet wrote its line", () -> shop.ok("logs", "quiet").out().contains("hello") ? true : null);
    }

    @AfterAll
    static void stop() throws Exception {
        tend.close();
    }

    /** Runs a bash pipeline in the project; its output, or a failure if it is still running after a minute. */
    private static String pipeline(String script) throws Exception {
        ProcessBuilder pb = tend.command("bash", "-c", script).directory(shop.dir().toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", TendHome.LAUNCHER.getParent() + ":" + System.getenv("PATH"));
        Process p = pb.start();
        // generous for a loaded machine; a follow that never notices its reader is gone runs for ever
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("still running a minute after its reader left: " + script);
        }
        return read(p);
    }

    private static String read(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void logsFollowOfAQuietServiceEndsWhenHeadHasItsLine() throws Exception {
        String out = pipeline("tend logs -f quiet 2>err | head -1; echo \"status ${PIPESTATUS[0]}\"; cat err");
        String[] lines = out.split("\n");
        assertTrue(lines[0].endsWith("hello"), out);
        assertEquals("status 141", lines[1], out);
        assertEquals(2, lines.length, "nothing on stderr: " + out);
    }

    @Test
    void logsFollowOfAChattyServiceEndsWhenHeadHasItsLine() throws Exception {
        String out = pipeline("tend logs -f chatty 2>err | head -1; echo \"status ${PIPESTATUS[0]}\"; cat err");
        String[] lines = out.split("\n");
        assertTrue(lines[0].endsWith("tick"), out);
        assertEquals("status 141", lines[1], out);
        assertEquals(2, lines.length, "nothing on stderr: " + out);
    }

    @Test
    void eventsEndWhenTheirReaderIsGoneAlthoughNothingHappens() throws Exception {
        String out = pipeline("tend events 2>err | true; echo \"status ${PIPESTATUS[0]}\"; cat err");
        assertEquals("status 141\n", out);
    }

    @Test
    void eventsAsJsonEndWhenHeadHasItsLine() throws Exception {
        // restarts until head has its line: the subscription may take a while to start on a busy machine
        String out = pipeline("(while [ ! -e done ]; do sleep 1; tend restart quiet >/dev/null; done) &"
                + " tend events --json 2>err | head -1; echo \"status ${PIPESTATUS[0]}\"; touch done; wait; cat err");
        String[] lines = out.split("\n");
        assertTrue(lines[0].startsWith("{\"method\":"), out);
        assertEquals("status 141", lines[1], out);
        assertEquals(2, lines.length, "nothing on stderr: " + out);
    }
}
