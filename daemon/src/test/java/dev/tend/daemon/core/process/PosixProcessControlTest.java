package dev.tend.daemon.core.process;

import static dev.tend.daemon.core.process.Processes.await;
import static dev.tend.daemon.core.process.Processes.exitOf;
import static dev.tend.daemon.core.process.Processes.gone;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
@Timeout(120)
class PosixProcessControlTest {
    // The recorded targets (5,004,242 and 5,010,000 on) lie beyond Linux's largest pid (2^22 = 4,194,304): a small
    // number such as 10,094 was once this test's own JVM, which the guard rightly refused.

    @TempDir
    Path dir;

    private final Processes processes = new Processes();
    private final PosixProcessControl control = processes.control;

    @AfterEach
    void killEverything() throws Exception {
        processes.killAll();
    }

    @Test
    void signalGroupReachesChildAndGrandchild() throws Exception {
        ChildProcess child = processes.launch("sleep 1000 & echo bg:$!; sleep 1000", dir);
        long grandchild = processes.track(Long.parseLong(Lines.of(child.stdout()).next("bg:")));
        assertFalse(gone(grandchild));

        control.signalGroup(child.pid(), Signal.TERM);

        assertEquals(ExitStatus.killed(15), exitOf(child));
        await("the grandchild died of SIGTERM", () -> gone(grandchild));
    }

    @Test
    void signalGroupIsQuietWhenTheGroupIsGone() throws Exception {
        ChildProcess child = processes.launch("exit 0", dir);
        exitOf(child);

        assertDoesNotThrow(() -> control.signalGroup(child.pid(), Signal.TERM),
                "a stop that finds its group gone already is no error");
    }

    /**
     * The guard is checked against recording primitives, never the real kill: a guard broken by a bad edit or a
     * mutation run would otherwise send kill -TERM -- -1 and, as root, end every process of the machine.
     */
    @Test
    void refusesToSignalOrKillInitGroupZeroNegativesOrTheDaemonItselfAndSendsNothing() {
        RecordingKill recording = new RecordingKill();
        PosixProcessControl guarded = new PosixProcessControl(recording);
        long self = ProcessHandle.current().pid();
        for (long target : new long[] {1, 0, -1, self}) {
            assertThrows(IllegalArgumentException.class, () -> guarded.signalGroup(target, Signal.TERM), "" + target);
            assertThrows(IllegalArgumentException.class, () -> guarded.signal(target, Signal.TERM), "" + target);
            assertThrows(IllegalArgumentException.class,
                    () -> guarded.signalOutsideGroup(target, Set.of(), Signal.TERM), "" + target);
            assertThrows(IllegalArgumentException.class, () -> guarded.tree(target), "" + target);
        }
        guarded.kill(Set.of(1L, 0L, -1L, self));
        guarded.signalOutsideGroup(2_000_000_000L, Set.of(1L, 0L, -1L, self), Signal.TERM);

        assertEquals(List.of(), recording.sent);
    }

    @Test
    void signalsAndKillsGoToTheTargetsAsked() {
        RecordingKill recording = new RecordingKill();
        PosixProcessControl guarded = new PosixProcessControl(recording);

        guarded.signalGroup(5004242, Signal.TERM);
        guarded.signal(5004243, Signal.HUP);
        guarded.kill(Set.of(5004244L));

        assertEquals(List.of("kill -s TERM -- -5004242", "kill -s HUP -- 5004243", "SIGKILL 5004244"), recording.sent);
    }

    @Test
    void manyGroupsGoOutInOneKillLineOfAtMostTheLineLimit() {
        RecordingKill recording = new RecordingKill();
        PosixProcessControl guarded = new PosixProcessControl(recording);
        List<Long> groups = new java.util.ArrayList<>();
        for (long g = 5_010_000; g < 5_010_000 + PosixProcessControl.KILL_LINE_TARGETS + 1; g++) {
            groups.add(g);
        }

        guarded.signalGroups(List.of(5004242L, 5004243L), Signal.TERM);
        guarded.signalGroups(groups, Signal.INT);

        assertEquals(3, recording.sent.size(), recording.sent.toString());
        assertEquals("kill -s TERM -- -5004242 -5004243", recording.sent.get(0));
        assertTrue(recording.sent.get(1).startsWith("kill -s INT -- -5010000 -5010001 "), recording.sent.get(1));
        assertTrue(recording.sent.get(1).endsWith(" -5010199"), "the first line holds the limit");
        assertEquals("kill -s INT -- -5010200", recording.sent.get(2));

        guarded.signalGroups(groups.subList(0, PosixProcessControl.KILL_LINE_TARGETS), Signal.HUP);
        assertEquals(4, recording.sent.size(), "just the limit is one line, and no empty one after it");
    }

    @Test
    void oneRefusedGroupAmongManySendsNothingAtAll() {
        RecordingKill recording = new RecordingKill();
        PosixProcessControl guarded = new PosixProcessControl(recording);
        long self = ProcessHandle.current().pid();
        for (long bad : new long[] {1, 0, -1, self}) {
            assertThrows(IllegalArgumentException.class, () -> guarded.signalGroups(List.of(5004242L, bad), Signal.TERM),
                    "" + bad);
        }
        assertEquals(List.of(), recording.sent);
    }

    @Test
    void killReachesGrandchildThatCalledSetsidAndOrphanLeftInTheGroup() throws Exception {
        ChildProcess child = processes.launch("""
                setsid sleep 1000 & echo own-session:$!
                sh -c 'sleep 1000 & echo orphan:$!'
                sleep 1000 & echo ready
                wait
                """, dir);
        Lines out = Lines.of(child.stdout());
        long ownSession = processes.track(Long.parseLong(out.next("own-session:")));
        long orphan = processes.track(Long.parseLong(out.next("orphan:")));
        out.next("ready");
        await("the grandchild leads a session of its own",
                () -> ProcStat.read(ownSession).map(s -> s.session() == ownSession).orElse(false));
        await("the orphan's parent has exited",
                () -> ProcStat.read(orphan).map(s -> s.ppid() != child.pid()).orElse(false));
        ProcStat orphanStat = ProcStat.read(orphan).orElseThrow();
        assertEquals(child.pid(), orphanStat.pgrp(), "the orphan stays in the child's group");

        Set<Long> tree = control.tree(child.pid());
        assertTrue(tree.containsAll(Set.of(child.pid(), ownSession, orphan)), "tree " + tree);
        processes.awaitAllOurs("the tree", tree);

        control.kill(tree);

        assertEquals(ExitStatus.killed(9), exitOf(child));
        for (long pid : tree) {
            await("pid " + pid + " of the tree is gone", () -> gone(pid));
        }
        assertEquals(Set.of(), control.tree(child.pid()));
    }

    @Test
    void treeDoesNotContainTheDaemonOrUnrelatedProcesses() throws Exception {
        ChildProcess child = processes.launch("echo ready; exec sleep 1000", dir);
        Lines.of(child.stdout()).next();

        assertEquals(Set.of(child.pid()), control.tree(child.pid()));
    }

    @Test
    void treesOfSeveralChildrenFromOneLookAreEachChildsOwnTree() throws Exception {
        ChildProcess one = processes.launch("sleep 1000 & echo ready; wait", dir);
        ChildProcess two = processes.launch("echo ready; exec sleep 1000", dir);
        Lines.of(one.stdout()).next();
        Lines.of(two.stdout()).next();

        var trees = control.trees(List.of(one.pid(), two.pid()));

        assertEquals(control.tree(one.pid()), trees.get(one.pid()));
        assertEquals(2, trees.get(one.pid()).size(), "the shell and its sleep: " + trees);
        assertEquals(Set.of(two.pid()), trees.get(two.pid()));
    }

    @Test
    void startTimeOfALiveProcessIsPresentAndOfADeadOneEmpty() throws Exception {
        ChildProcess child = processes.launch("echo ready; exec sleep 1000", dir);
        Lines.of(child.stdout()).next();
        assertEquals(child.startTime(), control.startTime(child.pid()).orElseThrow());

        control.kill(Set.of(child.pid()));
        exitOf(child);

        assertEquals(java.util.Optional.empty(), control.startTime(child.pid()));
    }

    @Test
    void startTimesOfTwoProcessesDiffer() throws Exception {
        ChildProcess first = processes.launch("exec sleep 1000", dir);
        // Start times count clock ticks (10 ms at the usual 100 Hz): let a few pass before the second start.
        Thread.sleep(50);
        ChildProcess second = processes.launch("exec sleep 1000", dir);

        Instant firstStart = control.startTime(first.pid()).orElseThrow();
        Instant secondStart = control.startTime(second.pid()).orElseThrow();
        assertNotEquals(firstStart, secondStart);
        assertTrue(firstStart.isBefore(secondStart), firstStart + " then " + secondStart);
    }

    @Test
    void usageOfABusyLoopShowsCpuGrowingAndResidentMemory() throws Exception {
        ChildProcess child = processes.launch("while :; do :; done", dir);
        Set<Long> pids = Set.of(child.pid());
        long first = control.usage(pids).cpuNanos();

        await("the busy loop used 100 ms more CPU", () -> control.usage(pids).cpuNanos() >= first + 100_000_000L);
        assertTrue(control.usage(pids).rssBytes() > 0, "resident memory of a live process");
    }

    @Test
    void usageSumsTheTreeAndSkipsProcessesThatAreGone() throws Exception {
        ChildProcess child = processes.launch("echo ready; exec sleep 1000", dir);
        Lines.of(child.stdout()).next();
        ChildProcess dead = processes.launch("exit 0", dir);
        exitOf(dead);

        ProcessControl.ResourceUsage one = control.usage(Set.of(child.pid()));
        ProcessControl.ResourceUsage withDead = control.usage(Set.of(child.pid(), dead.pid()));

        assertEquals(new ProcessControl.ResourceUsage(0, 0), control.usage(Set.of(dead.pid())));
        assertTrue(one.rssBytes() > 0);
        assertEquals(one.rssBytes(), withDead.rssBytes());
    }

    @Test
    void commandNameWithSpacesAndParenthesesIsParsed() throws Exception {
        Path odd = Files.createSymbolicLink(dir.resolve("a) b (c"), Path.of("/bin/sleep"));
        ChildProcess child = processes.launch("echo ready; exec \"" + odd + "\" 1000", dir);
        Lines.of(child.stdout()).next();
        await("the child runs the oddly named program", () -> readComm(child.pid()).equals("a) b (c"));

        ProcStat stat = ProcStat.read(child.pid()).orElseThrow();
        assertEquals(child.pid(), stat.session());
        assertEquals(Set.of(child.pid()), control.tree(child.pid()));
        assertTrue(control.usage(Set.of(child.pid())).rssBytes() > 0);
        Files.delete(odd); // else JUnit warns about a link pointing out of the temp dir
    }

    @Test
    void treeFollowsDescendantsThroughTwoSessionsOfTheirOwn() throws Exception {
        // the shell's child leads a session of its own, and so does its child: only the walk down finds the second
        ChildProcess child = processes.launch(
                "setsid sh -c 'setsid sleep 1000 & echo pids:$$:$!; exec sleep 1000' & wait", dir);
        String[] pids = Lines.of(child.stdout()).next("pids:").split(":");
        long outer = processes.track(Long.parseLong(pids[0]));
        long inner = processes.track(Long.parseLong(pids[1]));
        await("both lead sessions of their own",
                () -> ProcStat.read(outer).map(s -> s.session() == outer).orElse(false)
                        && ProcStat.read(inner).map(s -> s.session() == inner).orElse(false));

        Set<Long> tree = control.tree(child.pid());

        assertTrue(tree.containsAll(Set.of(child.pid(), outer, inner)), "tree " + tree);
    }

    @Test
    void theTableRefusesToWalkFromInitZeroOrTheDaemonItself() {
        ProcTable table = ProcTable.read(null, new MarkCache());
        for (long pid : new long[] {1, 0, -1, ProcessHandle.current().pid()}) {
            assertThrows(IllegalArgumentException.class, () -> table.tree(pid), "" + pid);
        }
    }

    @Test
    void aZombieHasNoStartTime() throws Exception {
        // the shell's background child exits, and the program the shell became never reaps it
        ChildProcess child = processes.launch("sleep 0 & echo zombie:$!; exec sleep 1000", dir);
        long zombie = processes.track(Long.parseLong(Lines.of(child.stdout()).next("zombie:")));
        await("the grandchild is a zombie", () -> ProcStat.read(zombie).map(ProcStat::exited).orElse(false));

        assertEquals(java.util.Optional.empty(), control.startTime(zombie));
    }

    @Test
    void cpuUsageIsTheUserAndSystemTimeTheKernelCounts() throws Exception {
        ChildProcess child = processes.launch(
                "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); : > /dev/null; done; echo done; exec sleep 1000", dir);
        Lines.of(child.stdout()).next("done");
        await("the child is asleep, its CPU time settled", () -> readComm(child.pid()).equals("sleep"));
        ProcStat stat = ProcStat.read(child.pid()).orElseThrow();
        assertTrue(stat.utimeTicks() > 0 && stat.stimeTicks() > 0, "user and system time both: " + stat);

        long jdk = ProcessHandle.of(child.pid()).flatMap(h -> h.info().totalCpuDuration()).orElseThrow().toNanos();

        assertEquals(jdk, control.usage(Set.of(child.pid())).cpuNanos());
    }

    private static String readComm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
