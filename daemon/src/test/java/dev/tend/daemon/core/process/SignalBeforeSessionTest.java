package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signal for a run in its first millisecond, while the session helper has been exec'd but has not yet called
 * setsid(2): no group of the main process's number exists then, so a group signal finds nobody, and the main process
 * may become that group's leader a moment later. The helper here waits for a file before its setsid(2), and the kill
 * primitives create that file right after they sent a group signal: the worst moment, made to happen every time.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class SignalBeforeSessionTest {

    /** Becomes a session leader only once the file named by its first argument exists, then execs the rest. */
    private static final String LATE_SETSID = "my $go = shift; select(undef, undef, undef, 0.002) until -e $go; "
            + "use POSIX (); POSIX::setsid() or die \"setsid: $!\\n\"; exec { $ARGV[0] } @ARGV or die \"exec: $!\\n\";";

    @TempDir
    Path dir;

    private Processes processes;

    @AfterEach
    void killEverything() throws Exception {
        if (processes != null) {
            processes.killAll();
        }
    }

    /** The real kill primitives; after a group signal, the helper is let go and awaited until it leads its group. */
    private static final class LetGoAfterGroupSignal implements KillPrimitives {
        final List<String> sent = new ArrayList<>();
        private final Path go;

        LetGoAfterGroupSignal(Path go) {
            this.go = go;
        }

        @Override
        public void kill(Signal signal, List<String> targets) {
            sent.add(signal.name() + " " + String.join(" ", targets));
            ShellKill.SHARED.kill(signal, targets);
            for (String target : targets) {
                if (target.startsWith("-")) {
                    letGo(Long.parseLong(target.substring(1)));
                }
            }
        }

        private void letGo(long pid) {
            try {
                Files.createFile(go);
                Processes.await("pid " + pid + " leads its own group",
                        () -> ProcStat.read(pid).map(s -> s.pgrp() == pid || s.exited()).orElse(true));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void destroyForcibly(long pid) {
            ShellKill.SHARED.destroyForcibly(pid);
        }
    }

    @Test
    void aSignalSentBeforeTheChildMadeItsSessionStillReachesIt() throws Exception {
        Path go = dir.resolve("go");
        LetGoAfterGroupSignal primitives = new LetGoAfterGroupSignal(go);
        processes = new Processes(new PosixProcessLauncher(List.of("perl", "-e", LATE_SETSID, go.toString())));
        PosixProcessControl control = new PosixProcessControl(primitives);
        ChildProcess child = processes.launch("exec sleep 100000", dir, Map.of());
        Processes.await("the helper runs, in the daemon's group still",
                () -> ProcStat.read(child.pid()).map(s -> !s.exited() && s.pgrp() != child.pid()).orElse(false));
        RunTree tree = new RunTree(control, child, null);

        tree.signal(Signal.TERM);

        ExitStatus status;
        try {
            status = child.onExit().get(20, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the signal never reached pid " + child.pid() + "; sent: " + primitives.sent);
        }
        assertEquals(ExitStatus.killed(Signal.TERM.number()), status, "sent: " + primitives.sent);
        assertEquals(List.of("TERM " + child.pid()), primitives.sent, "once, by pid: it is the whole tree");
    }

    @Test
    void aChildThatLeadsItsGroupIsSignalledAsAGroup() throws Exception {
        LetGoAfterGroupSignal primitives = new LetGoAfterGroupSignal(dir.resolve("unused"));
        processes = new Processes();
        PosixProcessControl control = new PosixProcessControl(primitives);
        ChildProcess child = processes.launch("sleep 100000 & exec sleep 100000", dir, Map.of());
        Processes.await("the child leads its group",
                () -> ProcStat.read(child.pid()).map(s -> s.pgrp() == child.pid()).orElse(false));
        RunTree tree = new RunTree(control, child, null);
        assertFalse(tree.alive().isEmpty());

        tree.signal(Signal.TERM);

        assertEquals(ExitStatus.killed(Signal.TERM.number()), child.onExit().get(20, TimeUnit.SECONDS));
        assertEquals("TERM -" + child.pid(), primitives.sent.get(0));
        assertTrue(primitives.sent.size() == 1, "nothing by pid: " + primitives.sent);
    }
}
