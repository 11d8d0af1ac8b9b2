package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tend logs -f` of what can never write again ends: every service it follows removed (`rm`, a reload that drops
 * it, `forget`), or the project it follows forgotten. It said nothing and waited for ever before.
 */
class FollowEndsIT {
    private TendHome tend;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    /** Reads the follower's lines until one holds the text (the follow is under way then). */
    private static void awaitLine(Process follower, String text) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(follower.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.contains(text)) {
                return;
            }
        }
        throw new AssertionError("the follower ended before printing '" + text + "': " + TendHome.finish(follower));
    }

    /** The follower's result, or a failure (and its end) if it still follows a minute later. */
    private static TendHome.Result ended(Process follower) throws Exception {
        if (!follower.waitFor(60, TimeUnit.SECONDS)) {
            follower.destroyForcibly();
            throw new AssertionError("still following a minute after there was nothing left to follow");
        }
        return TendHome.finish(follower);
    }

    @Test
    void aFollowSinceATimeAheadPrintsNoLineFromBeforeIt() throws Exception {
        assertEquals(0, tend.tend("run", "--name", "tick", "--", "sh", "-c", "while true; do echo tick; sleep 0.2; done")
                .exit());
        java.time.Instant since = java.time.Instant.now().plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Process follower = tend.start("logs", "-f", "--full-time", "--since", since.toString(), "adhoc/tick");
        awaitLine(follower, "tick"); // the first it prints: from `since` on
        assertEquals(0, tend.tend("rm", "tick").exit());

        TendHome.Result result = ended(follower);
        for (String line : result.out().split("\n")) {
            if (line.contains("tick")) {
                java.time.Instant at = java.time.OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant();
                assertTrue(!at.isBefore(since), "a line from before --since " + since + ": " + line);
            }
        }
    }

    @Test
    void aFollowOfAServiceEndsWhenTheServiceIsRemoved() throws Exception {
        assertEquals(0, tend.tend("run", "--name", "r6", "--", "sh", "-c", "echo first; exec sleep 600").exit());
        Process follower = tend.start("logs", "-f", "adhoc/r6");
        awaitLine(follower, "first");

        assertEquals(0, tend.tend("rm", "r6").exit());

        TendHome.Result result = ended(follower);
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.err().contains("tend: adhoc/r6 was removed: nothing left to follow"), result.toString());
    }

    @Test
    void aFollowOfAProjectEndsWhenTheProjectIsForgotten() throws Exception {
        TendProject shop = new TendProject(tend, "shop", """
                project: shop
                services:
                  web:
                    command: echo serving; exec sleep 600
                """);
        shop.ok("up", "--wait");
        Process follower = tend.startIn(shop.dir(), "logs", "-f");
        awaitLine(follower, "serving");

        shop.ok("forget");

        TendHome.Result result = ended(follower);
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.err().contains("tend: project shop was forgotten: nothing left to follow"), result.toString());
    }
}
