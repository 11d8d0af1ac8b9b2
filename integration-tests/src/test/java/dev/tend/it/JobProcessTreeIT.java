package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.tend.it.TendProject.alive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job run's processes end with the run, like a service's with its stop: also those that left the run's
 * session and lost their parent (`setsid -f`), which only the run's TEND_RUN mark still finds.
 */
class JobProcessTreeIT {
    /** Forks a process into a session of its own, reparented away at once, then keeps the run busy. */
    private static final String DETACH = "setsid -f sh -c 'echo $$ > %s; exec sleep 321'; %s";

    private TendHome tend;
    private TendProject project;
    private long detached;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        project = new TendProject(tend, "jobtree", """
                project: jobtree
                jobs:
                  hangs:
                    schedule: "@daily"
                    command: "%s"
                    timeout: 2s
                  quick:
                    schedule: "@daily"
                    command: "%s"
                  long:
                    schedule: "@daily"
                    command: "%s"
                """.formatted(DETACH.formatted("hangs.pid", "sleep 60"), DETACH.formatted("quick.pid", "sleep 1"),
                DETACH.formatted("long.pid", "sleep 60")));
        project.ok("up");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (detached > 0) {
            ProcessHandle.of(detached).ifPresent(ProcessHandle::destroyForcibly); // spares the teardown its wait
        }
        tend.close();
    }

    @Test
    void timeoutKillsADetachedDescendantOfTheRun() throws Exception {
        TendHome.Result run = project.tend("job", "run", "hangs", "--wait", "--exit-code");
        assertEquals(137, run.exit(), "the run's own status, as --exit-code passes it through: " + run);
        detached = project.pidFromFile("hangs.pid");

        assertFalse(alive(detached), "the setsid'd descendant " + detached + " outlived the timed-out run");
    }

    @Test
    void aRunThatEndsLeavesNoDetachedDescendant() throws Exception {
        TendHome.Result run = project.tend("job", "run", "quick", "--wait");
        assertEquals(0, run.exit(), run.toString());
        detached = project.pidFromFile("quick.pid");

        assertFalse(alive(detached), "the setsid'd descendant " + detached + " outlived the run that ended");
    }

    @Test
    void daemonStopKillsADetachedDescendantOfARunningRun() throws Exception {
        project.ok("job", "run", "long");
        detached = project.pidFromFile("long.pid");
        assertTrue(alive(detached));

        project.ok("daemon", "stop");

        assertFalse(alive(detached), "the setsid'd descendant " + detached + " outlived the daemon's shutdown");
    }
}
