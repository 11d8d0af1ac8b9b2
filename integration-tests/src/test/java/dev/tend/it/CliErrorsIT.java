package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the user sees when the daemon refuses: its own words on stderr and the exit code of the kind of failure
 * (not found 3, usage 2, conflict and failure 1), never "Internal error".
 */
class CliErrorsIT {
    private static TendHome tend;
    private static TendProject shop;

    @BeforeAll
    static void startProject() throws Exception {
        tend = new TendHome();
        shop = new TendProject(tend, "shop", """
                project: shop
                services:
                  worker:
                    command: sleep 600
                  api:
                    command: sleep 600
                jobs:
                  enqueue:
                    schedule: "@every 1h"
                    command: "true"
                """);
        shop.ok("up", "--wait");
    }

    @AfterAll
    static void stop() throws Exception {
        tend.close();
    }

    private static void assertFails(TendHome.Result r, int exit, String words) {
        assertEquals(exit, r.exit(), r::toString);
        assertTrue(r.err().startsWith("tend: ") && r.err().contains(words), r::toString);
        assertTrue(!r.err().contains("Internal error"), r::toString);
    }

    @Test
    void upOfAServiceTheProjectLacksIsNotFoundWithTheDaemonsWords() throws Exception {
        assertFails(shop.tend("up", "nosuch"), 3, "project 'shop' has no service named 'nosuch' (it has: worker, api)");
        assertFails(shop.tend("down", "wroker"), 3, "did you mean 'worker'?");
    }

    @Test
    void aSecondRunOfTheSameNameIsAConflictThatSaysWhatToDo() throws Exception {
        shop.ok("run", "--name", "scratch", "--", "sleep", "600");
        assertFails(shop.tend("run", "--name", "scratch", "--", "sleep", "600"), 1,
                "an ad-hoc service named 'scratch' already exists; remove it first");
    }

    @Test
    void aNameTheProjectFileWouldTakeIsTakenByRunToo() throws Exception {
        shop.ok("run", "--name", "_under", "--", "sleep", "600");
        assertFails(shop.tend("run", "--name", "-dash", "--", "sleep", "600"), 2, "bad service name");
    }

    @Test
    void misspeltServiceJobAndProjectReferencesGetADidYouMean() throws Exception {
        assertFails(shop.tend("stop", "wroker"), 3, "did you mean 'worker'?");
        assertFails(shop.tend("restart", "shp/api"), 3, "did you mean 'shop'?");
        assertFails(shop.tend("logs", "shop/apu"), 3, "did you mean 'api'?");
        assertFails(shop.tend("job", "run", "enqeue"), 3, "did you mean 'enqueue'?");
        assertFails(tend.tend("down", "-p", "shpo"), 3, "did you mean 'shop'?");
    }

    @Test
    void anEmptyNameIsRefusedSayingSoNotWithASentenceCutShort() throws Exception {
        assertFails(shop.tend("stop", ""), 2, "tend: '': empty name: give a service's name, or project/name");
        assertFails(shop.tend("job", "run", ""), 2, "empty name: give a job's name, or project/name");
    }

    @Test
    void aLineCountOutOfRangeIsNamedAsTheOptionNotAsTheProtocolsParameter() throws Exception {
        assertFails(shop.tend("history", "-n", "0", "api"), 2, "-n/--lines must be at least 1, got 0");
        assertFails(shop.tend("logs", "-n", "-5", "api"), 2, "-n/--lines must be 0 (every line) or more, got -5");
        assertFails(shop.tend("job", "history", "-n", "-1", "enqueue"), 2, "-n/--lines must be at least 1, got -1");
    }

    @Test
    void aTooLongDurationIsNamedAsTheOptionNotAsTheProtocolsParameter() throws Exception {
        assertFails(shop.tend("logs", "--since", "99999999d", "api"), 2,
                "tend: bad --since '99999999d': too long (at most 36500d, 100 years)");
        assertFails(shop.tend("logs", "--until", "9999999999h", "api"), 2, "tend: bad --until '9999999999h': too long");
    }

    @Test
    void outputThatCannotBeWrittenFailsTheCommandAndEndsAFollow() throws Exception {
        shop.ok("run", "--name", "ticker", "--", "sh", "-c", "while :; do echo tick; sleep 0.2; done");
        for (String[] args : List.of(new String[] {"ps"}, new String[] {"ps", "--json"},
                new String[] {"logs", "-f", "adhoc/ticker"})) {
            ProcessBuilder pb = tend.command(TendHome.LAUNCHER.toString()).directory(shop.dir().toFile());
            pb.command().addAll(List.of(args));
            pb.redirectOutput(new java.io.File("/dev/full")); // every write fails: no space left on device
            Process p = pb.start();
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), String.join(" ", args) + " ended");
            String err = new String(p.getErrorStream().readAllBytes());
            assertEquals(1, p.exitValue(), String.join(" ", args) + ": " + err);
            assertTrue(err.contains("tend: could not write the output"), err);
        }
        shop.ok("rm", "ticker");
    }
}
