package dev.tend.daemon.core.process;

import static dev.tend.daemon.core.process.Processes.await;
import static dev.tend.daemon.core.process.Processes.gone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Finding a run's processes by the TEND_RUN mark, and signalling the members of a tree that left its group. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class PosixProcessControlMarkTest {

    /** The classic daemon double fork: the subshell exits at once, the setsid'd grandchild is reparented away. */
    private static final String DAEMONIZE = """
            ( setsid sh -c 'echo orphan:$$; exec sleep 1000' & )
            exec sleep 1000
            """;

    @TempDir
    Path dir;

    private final Processes processes = new Processes();
    private final PosixProcessControl control = processes.control;

    @AfterEach
    void killEverything() throws Exception {
        processes.killAll();
    }

    @Test
    void markedFindsADaemonizedGrandchildThatTheTreeWalkCannotReach() throws Exception {
        String token = RunToken.random();
        ChildProcess child = processes.launch(DAEMONIZE, dir, Map.of(RunToken.VARIABLE, token));
        long orphan = processes.track(Long.parseLong(Lines.of(child.stdout()).next("orphan:")));
        await("the grandchild is reparented away from the child", () -> ProcessHandle.of(orphan)
                .flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(child.pid()) != child.pid());
        assertFalse(control.tree(child.pid()).contains(orphan), "out of the tree walk's reach");

        assertEquals(Set.of(child.pid(), orphan), control.marked(token));
    }

    @Test
    void markedForgetsAProcessOnceItIsGone() throws Exception {
        String token = RunToken.random();
        ChildProcess child = processes.launch(DAEMONIZE, dir, Map.of(RunToken.VARIABLE, token));
        long orphan = processes.track(Long.parseLong(Lines.of(child.stdout()).next("orphan:")));

        control.kill(Set.of(orphan));
        await("the orphan is gone", () -> gone(orphan));

        assertEquals(Set.of(child.pid()), control.marked(token));
    }

    @Test
    void markedMatchesTheWholeEntryOnly() throws Exception {
        String token = RunToken.random();
        processes.launch("exec sleep 1000", dir, Map.of(RunToken.VARIABLE, token + "00"));
        processes.launch("exec sleep 1000", dir, Map.of(RunToken.VARIABLE, token.substring(1)));
        processes.launch("exec sleep 1000", dir, Map.of(RunToken.VARIABLE + "X", token));
        processes.launch("exec sleep 1000", dir, Map.of("OTHER", RunToken.VARIABLE + "=" + token));
        ChildProcess marked = processes.launch("exec sleep 1000", dir, Map.of(RunToken.VARIABLE, token));
        // /proc/<pid>/environ is the environment of the program the pid runs now: wait until it is ours, not the
        // launcher's still on its way to exec.
        // A look taken while a process is between programs (sh exec'ing sleep) may not read its environment, so
        // this waits for the one exact answer; a look that matched any of the near misses never gives it.
        await("exactly the marked child carries the token", () -> Set.of(marked.pid()).equals(control.marked(token)));
        for (int i = 0; i < 5; i++) {
            Set<Long> found = control.marked(token);
            assertTrue(found.isEmpty() || found.equals(Set.of(marked.pid())), "a near miss matched: " + found);
        }
    }

    @Test
    void markedRefusesATokenThatNoLaunchCouldHaveMade() {
        assertThrows(IllegalArgumentException.class, () -> control.marked(null));
        assertThrows(IllegalArgumentException.class, () -> control.marked(""));
        assertThrows(IllegalArgumentException.class, () -> control.marked("abc"));
        assertThrows(IllegalArgumentException.class, () -> control.marked(RunToken.random().toUpperCase()));
    }

    @Test
    void randomTokensAreWellFormedAndDistinct() {
        String a = RunToken.random();
        String b = RunToken.random();
        assertEquals(a, RunToken.require(a));
        assertNotEquals(a, b);
    }

    @Test
    void signalOutsideGroupReachesOnlyTheMembersThatLeftTheGroup() throws Exception {
        ChildProcess child = processes.launch("""
                setsid sleep 1000 & echo outside:$!
                sleep 1000 & echo inside:$!
                wait
                """, dir);
        Lines out = Lines.of(child.stdout());
        long outside = processes.track(Long.parseLong(out.next("outside:")));
        long inside = processes.track(Long.parseLong(out.next("inside:")));
        await("the setsid'd child leads a group of its own", () -> ProcStat.read(outside)
                .map(s -> s.pgrp() == outside).orElse(false));

        control.signalOutsideGroup(child.pid(), Set.of(child.pid(), inside, outside), Signal.TERM);

        await("the process that left the group died of SIGTERM", () -> gone(outside));
        // One kill(1) sent the signal to every target at once: had the group's members been among them, they
        // would be dying too.
        assertTrue(!gone(child.pid()) && !gone(inside), "the group's members were not signalled");
    }
}
