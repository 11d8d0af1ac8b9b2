package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a run's tree counts as its own, and whom it signals and kills. Pure: a process table in memory. */
class RunTreeTest {
    private static final long MAIN = 4242;
    private static final long CHILD = 4243;
    private static final long MARKED = 5555;
    private static final Instant STARTED = Instant.parse("2026-12-06T10:00:00.123Z");
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    /** The main process's tree is MAIN and CHILD (when MAIN is there); MARKED carries the token. */
    private final List<String> signals = new ArrayList<>();
    private final MemoryProcesses control = new MemoryProcesses() {
        @Override public Set<Long> tree(long pid) {
            return alive.containsKey(pid) ? Set.of(MAIN, CHILD) : Set.of();
        }
        @Override public Set<Long> marked(String token) {
            return token.equals(TOKEN) && alive.containsKey(MARKED) ? Set.of(MARKED) : Set.of();
        }
        @Override public void signalGroup(long pgid, Signal signal) {
            signals.add("group " + pgid + " " + signal);
        }
        @Override public void signalOutsideGroup(long pgid, Set<Long> pids, Signal signal) {
            signals.add("outside " + pgid + " " + new java.util.TreeSet<>(pids) + " " + signal);
        }
    };
    private final CompletableFuture<ExitStatus> mainExit = new CompletableFuture<>();

    private RunTree launched(String token) {
        return new RunTree(control, MemoryProcesses.main(MAIN, mainExit), token);
    }

    @Test
    void aRecordedMainProcessIsTheLaunchsOnlyWhileItRunsWithTheRecordedStartTime() {
        control.alive.put(MAIN, STARTED);
        control.alive.put(CHILD, STARTED);

        RunTree same = RunTree.ofRecord(control, MAIN, STARTED, null);
        assertTrue(same.mainAlive());
        assertEquals(Set.of(MAIN, CHILD), same.alive());

        RunTree reused = RunTree.ofRecord(control, MAIN, STARTED.plusMillis(1), null);
        assertFalse(reused.mainAlive(), "the pid runs another process now");
        assertEquals(Set.of(), reused.alive(), "a stranger's tree is never taken for the launch's");

        assertFalse(RunTree.ofRecord(control, MAIN, null, null).mainAlive(), "no start time on record");
        control.alive.remove(MAIN);
        assertFalse(same.mainAlive(), "the main process is gone");
    }

    @Test
    void aLaunchRecordedBeforeItsForkIsFoundByItsMarkAlone() {
        control.alive.put(MARKED, STARTED);

        RunTree beforeFork = RunTree.ofRecord(control, 0, STARTED, TOKEN);

        assertFalse(beforeFork.mainAlive());
        assertEquals(TOKEN, beforeFork.token());
        assertEquals(Set.of(MARKED), beforeFork.alive());
    }

    @Test
    void membersWhosePidsNowRunOtherProcessesAreForgottenAndTheirTreesNeverTaken() {
        control.alive.put(MAIN, STARTED);
        control.alive.put(CHILD, STARTED);
        RunTree tree = launched(null);
        assertEquals(Set.of(MAIN, CHILD), tree.alive());

        mainExit.complete(ExitStatus.exited(0));
        // both died, and their pids went to others: the new owner of the main's pid has a tree of its own
        control.alive.put(MAIN, STARTED.plusSeconds(60));
        control.alive.put(CHILD, STARTED.plusSeconds(60));

        assertEquals(Set.of(), tree.alive());
        tree.killLeftovers();
        assertEquals(List.of(), control.kills, "nothing of the launch is left to kill");
    }

    @Test
    void markedProcessesBelongToTheTreeWithoutBeingInTheMainProcesssTree() {
        control.alive.put(MAIN, STARTED);
        control.alive.put(MARKED, STARTED);

        assertEquals(Set.of(MAIN, MARKED), launched(TOKEN).alive());
        assertEquals(Set.of(MAIN), launched(null).alive(), "without a token only the main process's tree");
    }

    @Test
    void leftoversAreKilledButNotTheMainProcess() {
        control.alive.put(MAIN, STARTED);
        control.alive.put(CHILD, STARTED);
        RunTree tree = launched(null);

        tree.killLeftovers();

        assertEquals(List.of(Set.of(CHILD)), control.kills);
    }

    @Test
    void aMainProcessAloneLeavesNoLeftoversToKill() {
        control.alive.put(MAIN, STARTED);

        launched(null).killLeftovers();
        CompletableFuture<Boolean> none = launched(null).mainExitedKillLeftovers(
                new dev.tend.daemon.core.time.VirtualTimer(), null, null); // nothing to poll for: neither is used

        assertEquals(List.of(), control.kills);
        assertFalse(none.getNow(true), "done at once");
    }

    @Test
    void killOfAMainProcessAloneIsOneKill() {
        control.alive.put(MAIN, STARTED);

        launched(null).kill();

        assertEquals(List.of(Set.of(MAIN)), control.kills);
    }

    @Test
    void aTreeWhoseMainProcessIsGoneIsKilledWithoutIt() {
        control.alive.put(CHILD, STARTED);
        control.alive.put(MARKED, STARTED);

        launched(TOKEN).kill();

        assertEquals(List.of(Set.of(MARKED)), control.kills, "the marked process; the tree of a gone main is empty");
    }

    @Test
    void theSignalGoesToTheMainProcesssGroupAndToTheMembersAliveBeforeIt() {
        control.alive.put(MAIN, STARTED);
        control.alive.put(CHILD, STARTED);
        control.alive.put(MARKED, STARTED);

        launched(TOKEN).signal(Signal.HUP);

        assertEquals(List.of("group 4242 HUP", "outside 4242 [4242, 4243, 5555] HUP"), signals);
    }

    @Test
    void theMarkedEnvironmentAddsTheTokenInPlaceOfAnInheritedOne() {
        Map<String, String> inherited = Map.of("PATH", "/bin", RunToken.VARIABLE, "ffffffffffffffffffffffffffffffff");

        Map<String, String> marked = RunTree.markedEnvironment(inherited, TOKEN);

        assertEquals(Map.of("PATH", "/bin", RunToken.VARIABLE, TOKEN), marked);
        assertThrows(IllegalArgumentException.class, () -> RunTree.markedEnvironment(inherited, "not-a-token"));
    }

    @Test
    void aTreeThatCannotBeReadCountsAsEmptyRatherThanFailing() {
        MemoryProcesses unreadable = new MemoryProcesses(MAIN) {
            @Override public Set<Long> tree(long pid) { throw new IllegalStateException("no /proc"); }
            @Override public Set<Long> marked(String token) { throw new IllegalStateException("no /proc"); }
        };
        RunTree tree = new RunTree(unreadable, MemoryProcesses.main(MAIN, mainExit), TOKEN);

        assertEquals(Set.of(), tree.alive());
        tree.mainExited();
        assertEquals(Set.of(), tree.alive());
    }

    @Test
    void manyTreesAreSignalledFromOneLookWithOneLinePerSignalThenTheirMembersOutsideTheirGroups() {
        MemoryProcesses many = new MemoryProcesses(101, 102, 103) {
            @Override public Set<Long> tree(long pid) {
                return alive.containsKey(pid) ? Set.of(pid) : Set.of();
            }
            @Override public void signalGroups(java.util.Collection<Long> pgids, Signal signal) {
                signals.add("groups " + pgids + " " + signal);
            }
            @Override public void signalOutsideGroup(long pgid, Set<Long> pids, Signal signal) {
                signals.add("outside " + pgid + " " + pids + " " + signal);
            }
        };
        java.util.Map<RunTree, Signal> stops = new java.util.LinkedHashMap<>();
        stops.put(new RunTree(many, MemoryProcesses.main(101, new CompletableFuture<>()), null), Signal.TERM);
        stops.put(new RunTree(many, MemoryProcesses.main(102, new CompletableFuture<>()), null), Signal.INT);
        stops.put(new RunTree(many, MemoryProcesses.main(103, new CompletableFuture<>()), null), Signal.TERM);
        int looksBefore = many.looks.get();

        RunTree.signalAll(stops);

        assertEquals(1, many.looks.get() - looksBefore, "one look at the table for all the trees");
        assertEquals(List.of("groups [101, 103] TERM", "groups [102] INT", "outside 101 [101] TERM",
                "outside 102 [102] INT", "outside 103 [103] TERM"), signals);
    }

    @Test
    void treesOfDifferentControlsAreNotSignalledTogether() {
        java.util.Map<RunTree, Signal> stops = new java.util.LinkedHashMap<>();
        stops.put(launched(TOKEN), Signal.TERM);
        stops.put(new RunTree(new MemoryProcesses(MAIN), MemoryProcesses.main(MAIN, mainExit), null), Signal.TERM);

        assertThrows(IllegalArgumentException.class, () -> RunTree.signalAll(stops));
        assertEquals(List.of(), signals, "nothing was sent");
    }
}
