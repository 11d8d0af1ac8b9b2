package dev.tend.daemon.core.process;

import static dev.tend.daemon.core.process.Processes.await;
import static dev.tend.daemon.core.process.Processes.exitOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long-lived signal shell, on children this test started (and a pid beyond the kernel's pid_max). */
class ShellKillTest {

    /** Above any pid_max Linux allows (2^22): no process can have it. */
    private static final String NO_SUCH_PID = "2147483647";

    @TempDir
    Path dir;

    private final Processes processes = new Processes();
    private final ShellKill kill = new ShellKill();

    @AfterEach
    void tearDown() throws Exception {
        SignalShell shell = kill.current();
        if (shell != null) {
            shell.close();
        }
        processes.killAll();
    }

    @Test
    void aSignalToAGroupReachesEveryProcessInIt() throws Exception {
        ChildProcess child = processes.launch("sleep 1000 & exec sleep 1000", dir);

        kill.kill(Signal.TERM, List.of("-" + child.pid()));

        assertEquals(ExitStatus.killed(Signal.TERM.number()), exitOf(child));
        await("the whole group is gone", () -> processes.control.table().tree(child.pid()).isEmpty());
    }

    @Test
    void manySignalsInARowUseOneShell() throws Exception {
        ChildProcess first = processes.launch("exec sleep 1000", dir);
        ChildProcess second = processes.launch("exec sleep 1000", dir);

        kill.kill(Signal.TERM, List.of(Long.toString(first.pid())));
        SignalShell shell = kill.current();
        kill.kill(Signal.KILL, List.of(Long.toString(second.pid())));

        assertEquals(ExitStatus.killed(Signal.TERM.number()), exitOf(first));
        assertEquals(ExitStatus.killed(Signal.KILL.number()), exitOf(second));
        assertTrue(shell == kill.current() && shell.isAlive(), "the same shell answered both");
    }

    @Test
    void aShellThatEndedIsReplacedAtTheNextSignal() throws Exception {
        kill.prepare();
        SignalShell ended = kill.current();
        ended.close();
        await("the first shell is gone", () -> !ended.isAlive());
        ChildProcess child = processes.launch("exec sleep 1000", dir);

        kill.kill(Signal.TERM, List.of(Long.toString(child.pid())));

        assertEquals(ExitStatus.killed(Signal.TERM.number()), exitOf(child));
        assertNotSame(ended, kill.current());
    }

    @Test
    void closingEndsTheShellAndItsReaderSoNothingHoldsUpTheDaemonsExit() throws Exception {
        // HotSpot's exit waits 300 ms for any thread blocked in native code, such as a reader of the shell's output
        kill.prepare();
        SignalShell shell = kill.current();

        kill.close();

        assertTrue(shell.gone(), "the shell is reaped and its reader is gone");
        assertEquals(null, kill.current());
        ChildProcess child = processes.launch("exec sleep 1000", dir);
        kill.kill(Signal.TERM, List.of(Long.toString(child.pid())));
        assertEquals(ExitStatus.killed(Signal.TERM.number()), exitOf(child), "a later signal starts a new shell");
    }

    @Test
    void aTargetThatIsGoneIsAnsweredWithKillsComplaint() throws Exception {
        SignalShell shell = SignalShell.start();
        try {
            SignalShell.Answer answer = shell.kill(Signal.TERM, List.of(NO_SUCH_PID)).get(10, TimeUnit.SECONDS);
            assertNotEquals(0, answer.status());
            assertTrue(answer.output().contains(NO_SUCH_PID) || answer.output().toLowerCase().contains("no such"),
                    answer.output());
            // and the shell still answers the next one
            assertNotEquals(0, shell.kill(Signal.TERM, List.of(NO_SUCH_PID)).get(10, TimeUnit.SECONDS).status());
        } finally {
            shell.close();
        }
    }

    @Test
    void aTargetThatIsNotANumberNeverReachesTheShell() throws Exception {
        SignalShell shell = SignalShell.start();
        try {
            assertThrows(IllegalArgumentException.class, () -> shell.kill(Signal.TERM, List.of("1; touch pwned")));
            assertThrows(IllegalArgumentException.class, () -> shell.kill(Signal.TERM, List.of("$(id)")));
        } finally {
            shell.close();
        }
    }

    @Test
    void targetsThatWouldReachFarBeyondAChildAreRefusedBeforeAnythingIsSent() {
        // Checked on the check alone: nothing here is ever sent. To kill(1), 0 and -0 are the sender's own group,
        // -1 is every process the user may signal, 1 is init; a leading zero or a pid past a long is no pid.
        String self = Long.toString(ProcessHandle.current().pid());
        for (String target : List.of("0", "-0", "1", "-1", "00", "-01", self, "-" + self, "99999999999999999999")) {
            assertThrows(IllegalArgumentException.class, () -> SignalShell.checked(target), target);
        }
        assertEquals("-5004242", SignalShell.checked("-5004242"));
        assertEquals("5004242", SignalShell.checked("5004242"));
    }

    @Test
    void theShellCarriesNoneOfTheDaemonsEnvironment() throws Exception {
        // A daemon started from inside a service inherits its TEND_RUN mark; a shell carrying it would be taken for
        // part of that service and stopped with it.
        SignalShell shell = SignalShell.start();
        try {
            assertFalse(shell.gone());
            byte[] environ = java.nio.file.Files.readAllBytes(Path.of("/proc", Long.toString(shell.pid()), "environ"));
            assertEquals(0, environ.length, new String(environ));
        } finally {
            shell.close();
        }
    }

    @Test
    void aRequestWaitingWhenTheShellDiesFailsRatherThanWaitingForever() throws Exception {
        SignalShell shell = SignalShell.start();
        SignalShell stopper = SignalShell.start();
        try {
            // the shell is this test's child: stopped, it reads nothing until it is killed
            assertEquals(0, stopper.kill(Signal.STOP, List.of(Long.toString(shell.pid()))).get(10, TimeUnit.SECONDS)
                    .status());
            java.util.concurrent.CompletableFuture<SignalShell.Answer> waiting =
                    shell.kill(Signal.TERM, List.of(NO_SUCH_PID));

            shell.close();

            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> waiting.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof java.io.IOException, e.toString());
        } finally {
            shell.close();
            stopper.close();
        }
    }

    @Test
    void aRequestToAShellThatEndedFailsInsteadOfWaitingForever() throws Exception {
        SignalShell shell = SignalShell.start();
        shell.close();
        await("the shell is gone", () -> !shell.isAlive());

        assertThrows(java.io.IOException.class, () -> shell.kill(Signal.TERM, List.of(NO_SUCH_PID)));
    }
    @Test
    void eachAnswerCarriesItsOwnComplaintAndNothingOfTheOnesBefore() throws Exception {
        SignalShell shell = SignalShell.start();
        try {
            String first = shell.kill(Signal.TERM, List.of(NO_SUCH_PID)).get(10, TimeUnit.SECONDS).output();
            String second = shell.kill(Signal.TERM, List.of(NO_SUCH_PID)).get(10, TimeUnit.SECONDS).output();

            Process plain = new ProcessBuilder("/bin/sh", "-c", "kill -s TERM -- " + NO_SUCH_PID + " 2>&1")
                    .redirectErrorStream(true).start();
            String printed = new String(plain.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            plain.waitFor(10, TimeUnit.SECONDS);

            assertFalse(first.isBlank());
            assertEquals(String.join("\n", printed.lines().toList()), first, "the complaint as kill printed it");
            assertEquals(first.split("\n", -1).length, second.split("\n", -1).length, "nothing of the first in: " + second);
        } finally {
            shell.close();
        }
    }

    @Test
    void theShellsReaderNeverHoldsUpTheJvmsExit() throws Exception {
        SignalShell shell = SignalShell.start();
        try {
            List<Thread> readers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("tend-signal-shell")).toList();
            assertFalse(readers.isEmpty());
            readers.forEach(t -> assertTrue(t.isDaemon(), t + " is a daemon thread"));
        } finally {
            shell.close();
        }
    }
}
