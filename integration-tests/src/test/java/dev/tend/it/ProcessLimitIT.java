package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The user's limit of processes and threads (ulimit -u) reached while services start: the JVM cannot start threads
 * and forks fail. tend must say so, keep serving and stop cleanly; it used to die of it ("Internal error"), then hang
 * in its own shutdown for ten minutes with its services left running. Root is not held to the limit, so the tend
 * of this test runs as nobody (setpriv), with a home of its own.
 */
class ProcessLimitIT {
    private static final String NOBODY = "nobody";
    private TendHome tend;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "runs tend as nobody under ulimit -u, which needs root and setpriv (the CI runs as root)");
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (tend != null) {
            try {
                asNobody(1000, "daemon", "stop");
            } finally {
                tend.close();
            }
        }
    }

    @Test
    void servicesThatCannotStartForTheProcessLimitSaySoAndTheDaemonGoesOnAndStopsCleanly() throws Exception {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < 30; i++) {
            yaml.append("  s").append(i).append(":\n    command: exec sleep 999306\n");
        }
        TendProject p = new TendProject(tend, "limited", yaml.toString());
        chownToNobody(tend.home());

        TendHome.Result up = asNobody(100, "up", "--wait");
        assertNotEquals(0, up.exit(), up.toString());
        assertTrue(up.err().contains("ulimit -u"), "the limit is named: " + up);
        assertFalse(up.err().contains("Internal error"), up.toString());

        TendHome.Result ps = asNobody(1000, "ps");
        assertEquals(0, ps.exit(), "the daemon still serves: " + ps);
        TendHome.Result stop = asNobody(1000, "daemon", "stop");
        assertEquals(0, stop.exit(), stop.toString());
        TendHome.waitUntil("nothing of this home runs any more (killed children may stay zombies of the daemon "
                + "until it ends)", () -> tend.processes().isEmpty());
        assertTrue(Files.exists(p.dir()));
    }

    /** bin/tend as nobody in the project's directory, its process limit set first. */
    private TendHome.Result asNobody(int processLimit, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=nogroup", "--clear-groups",
                "bash", "-c", "ulimit -u " + processLimit + "; exec \"$0\" \"$@\"", TendHome.LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = tend.command(cmd.toArray(String[]::new))
                .directory(tend.home().resolve("projects/limited").toFile());
        pb.environment().put("HOME", tend.home().toString());
        return TendHome.finish(pb.start());
    }

    private static void chownToNobody(Path home) throws Exception {
        Process chown = new ProcessBuilder("chown", "-R", NOBODY + ":nogroup", home.toString()).inheritIO().start();
        assertEquals(0, chown.waitFor());
    }
}
