package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tend stop` ends a service's whole process tree, including processes that left its session (docs/supervision.md). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessTreeIT {
    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    @Test
    void stopKillsGrandchildThatCalledSetsid() throws Exception {
        TendProject p = new TendProject(tend, "setsid", """
                services:
                  tree:
                    command: sh tree.sh
                """);
        // The background sh is no group leader, so setsid(1) calls setsid() itself: the grandchild is in a new
        // session and process group, still a descendant of the service.
        Files.writeString(p.file("tree.sh"), """
                setsid sh -c 'echo $$ > grandchild.pid; exec sleep 1000' &
                sleep 1000 &
                echo $! > sleeper.pid
                wait
                """);
        p.ok("up", "--wait");
        long leader = pid(p.awaitState("tree", "ready"));
        long grandchild = p.pidFromFile("grandchild.pid");
        long sleeper = p.pidFromFile("sleeper.pid");
        assertNotEquals(session(leader), session(grandchild), "the grandchild really left the service's session");
        List<Long> all = new ArrayList<>(List.of(leader, grandchild, sleeper));
        all.addAll(TendProject.descendants(leader));
        assertTrue(all.stream().allMatch(TendProject::alive), "the whole tree runs: " + all);

        p.ok("stop", "tree");

        List<Long> survivors = all.stream().filter(TendProject::alive).toList();
        assertEquals(List.of(), survivors, "every process of the tree is gone when stop returns");
        assertEquals("stopped", TendProject.state(p.service("tree")));
    }

    @Test
    void stopKillsADaemonizedGrandchildWhoseParentHasExited() throws Exception {
        TendProject p = new TendProject(tend, "daemonized", """
                services:
                  forker:
                    command: sh forker.sh
                """);
        // The classic daemon double fork: the subshell exits at once, so the setsid'd grandchild is reparented
        // away from the service and shares neither its session nor its process group.
        Files.writeString(p.file("forker.sh"), """
                ( setsid sh -c 'echo $$ > orphan.pid; exec sleep 1000' & )
                exec sleep 1000
                """);
        p.ok("up", "--wait");
        long leader = pid(p.awaitState("forker", "ready"));
        long orphan = p.pidFromFile("orphan.pid");
        TendProject.await("the grandchild is reparented away from the service",
                () -> ProcessHandle.of(orphan).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(leader)
                        != leader ? true : null);
        assertTrue(alive(orphan));

        try {
            p.ok("stop", "forker");

            assertTrue(!alive(leader), "the service process is gone");
            assertTrue(!alive(orphan), "the daemonized grandchild " + orphan + " (TEND_PROJECT/TEND_SERVICE in its "
                    + "environment) is gone too; it survived the stop of its service");
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroyForcibly); // spares the teardown its wait
        }
    }

    @Test
    void stopEscalatesToSigkillWhenTheTreeIgnoresTheStopSignal() throws Exception {
        TendProject p = new TendProject(tend, "stubborn", """
                services:
                  stubborn:
                    command: exec sh stubborn.sh
                    stop_timeout: 500ms
                """);
        // An ignored signal stays ignored across fork and exec: every process of this tree ignores TERM.
        Files.writeString(p.file("stubborn.sh"), """
                trap '' TERM
                sleep 1000 &
                echo $! > child.pid
                wait
                """);
        p.ok("up", "--wait");
        long leader = pid(p.awaitState("stubborn", "ready"));
        long child = p.pidFromFile("child.pid");

        p.ok("stop", "stubborn");

        assertTrue(!alive(leader) && !alive(child), "SIGKILL after stop_timeout ended the whole tree");
        List<java.util.Map<String, Object>> history = p.history("stubborn");
        assertTrue(history.stream().anyMatch(h -> "stopped".equals(h.get("kind")) && "SIGKILL".equals(h.get("signal"))),
                "history says it took SIGKILL: " + history);
    }

    @Test
    void stopGivesAProgramUnderTheCommandShellItsStopTimeout() throws Exception {
        TendProject p = new TendProject(tend, "graceful", """
                services:
                  graceful:
                    command: sh graceful.sh
                    stop_timeout: 30s
                """);
        // `sh graceful.sh` runs under the /bin/sh -c of the command, which dies of the TERM at once; the script
        // still deserves its stop_timeout to finish its cleanup, as any real program (a database) would.
        Files.writeString(p.file("graceful.sh"), """
                trap 'sleep 2; echo cleaned-up > cleanup.txt; exit 0' TERM
                echo $$ > script.pid
                sleep 1000 &
                wait
                """);
        p.ok("up", "--wait");
        p.awaitState("graceful", "ready");
        long script = p.pidFromFile("script.pid");

        p.ok("stop", "graceful");

        assertTrue(!alive(script), "the script is gone when stop returns");
        assertTrue(Files.exists(p.file("cleanup.txt")),
                "the script's TERM trap ran to its end: it was not SIGKILLed when the shell above it exited");
    }

    private static long session(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]); // state ppid pgrp session
    }
}
