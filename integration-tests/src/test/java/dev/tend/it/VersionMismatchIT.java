package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A daemon older than the client is replaced transparently; a newer one is a clear error. */
class VersionMismatchIT {
    private TendHome tend;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    private Process daemonClaimingVersion(String version) throws Exception {
        ProcessBuilder pb = tend.command(TendHome.LAUNCHER.toString(), "daemon", "run", "--detached");
        pb.environment().put("TEND_JAVA_OPTS", "-Dtend.version.override=" + version);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        TendHome.waitUntil("the " + version + " daemon listens", () -> Files.exists(tend.socket()));
        return p;
    }

    @Test
    void olderDaemonIsReplaced() throws Exception {
        Process old = daemonClaimingVersion("0.0.1");
        TendHome.Result r = tend.tend("daemon", "status", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(old.waitFor(60, TimeUnit.SECONDS), "the old daemon exited");
        assertEquals(0, old.exitValue(), "it shut down gracefully");
        assertNotEquals(old.pid(), tend.daemonPid());
        assertTrue(!r.out().contains("\"version\":\"0.0.1\""), r.toString());
        assertTrue(r.err().contains("replacing the tend daemon 0.0.1 (pid ") && r.err().contains(") with version "),
                "the wait for the old daemon's services to stop is said: " + r);
        assertEquals(1, tend.daemons().size());
    }

    @Test
    void newerDaemonIsAClearErrorAndKeepsRunning() throws Exception {
        Process newer = daemonClaimingVersion("999.0.0");
        TendHome.Result r = tend.tend("daemon", "status");
        assertEquals(4, r.exit(), r.toString());
        assertTrue(r.err().contains("999.0.0") && r.err().contains("newer"), r.toString());
        assertTrue(newer.isAlive(), "the newer daemon is left alone");
    }
}
