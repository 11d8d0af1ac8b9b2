package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client waits a few seconds for an answer, not for ever; a follower waits for events as long as it takes. */
class ClientTimeoutIT {
    private TendHome tend;
    private long daemon;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        assertEquals(0, tend.tend("daemon", "status").exit());
        daemon = tend.daemonPid();
    }

    @AfterEach
    void tearDown() throws Exception {
        signal("CONT");
        tend.close();
    }

    private void signal(String name) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(daemon)).start().waitFor());
    }

    @Test
    void aFrozenDaemonGivesExitFourWithItsPidWithinTheTimeout() throws Exception {
        signal("STOP");
        long started = System.nanoTime();
        TendHome.Result r = tend.tend("ps");
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertEquals(4, r.exit(), r.toString());
        assertEquals("tend: the tend daemon (pid " + daemon + ") does not answer: it is stopped (`kill -CONT " + daemon
                + "` resumes it)\n", r.err());
        assertTrue(seconds < 60, "took " + seconds + " s"); // 5 s by default; generous for a loaded machine
        signal("CONT");
        assertEquals(0, tend.tend("ps").exit());
    }

    @Test
    void aDaemonThatDoesNotAnswerEvenASecondConnectionGivesExitFourThoughItsPidFileLies() throws Exception {
        java.nio.file.Path pidFile = tend.stateDir().resolve("daemon.pid");
        String pid = java.nio.file.Files.readString(pidFile);
        signal("STOP");
        java.nio.file.Files.writeString(pidFile, "garbage\n"); // so it is not known stopped: the second connection is asked
        try {
            tend.env().put("TEND_DAEMON_TIMEOUT", "1");
            TendHome.Result r = tend.tend("ps");
            assertEquals(4, r.exit(), r.toString());
            assertEquals("tend: the tend daemon does not answer (nothing within 1 s, nor to a second connection): see "
                    + "`tend daemon logs`; `tend daemon restart` replaces it\n", r.err());
        } finally {
            java.nio.file.Files.writeString(pidFile, pid);
        }
    }

    @Test
    void theTimeoutIsSetByTheEnvironmentOrTheOption() throws Exception {
        signal("STOP");
        tend.env().put("TEND_DAEMON_TIMEOUT", "1");
        TendHome.Result r = tend.tend("ps");
        assertEquals(4, r.exit(), r.toString());
        TendHome.Result bad = tend.tend("--daemon-timeout=soon", "ps");
        assertEquals(2, bad.exit(), bad.toString());
        assertEquals("tend: --daemon-timeout must be a number of seconds (0: no limit), not 'soon'\n", bad.err());
    }

    @Test
    void aFollowerWaitsForEventsLongerThanTheTimeout() throws Exception {
        tend.env().put("TEND_DAEMON_TIMEOUT", "1");
        Process events = tend.start("events");
        try {
            assertTimeoutNotReached(events, 4);
        } finally {
            events.destroy();
            events.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void assertTimeoutNotReached(Process p, int seconds) throws InterruptedException {
        assertTrue(!p.waitFor(seconds, TimeUnit.SECONDS), "the follower ended: exit " + (p.isAlive() ? "-" : p.exitValue()));
    }
}
