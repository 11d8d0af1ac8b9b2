package dev.tend.daemon.core.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link KillPrimitives}: the shell's kill (portable signal names), run by one long-lived
 * {@link SignalShell} rather than a shell started per signal, and {@link ProcessHandle}. One per JVM
 * ({@link #SHARED}): signals are the process's to send, and a test JVM that makes many controls keeps one shell.
 */
final class ShellKill implements KillPrimitives {

    static final ShellKill SHARED = new ShellKill();

    private static final Logger LOG = LoggerFactory.getLogger(ShellKill.class);
    private static final long SIGNAL_TIMEOUT_SECONDS = 10;

    /** The running shell, started on first use and again after it ended. Guarded by this. */
    private SignalShell shell;

    /** kill -s NAME -- TARGET...; errors such as "No such process" mean a target is gone, which is fine. */
    @Override
    public void kill(Signal signal, List<String> targets) {
        // The name, not the number, since numbers differ between Linux and macOS.
        Sent sent = send(signal, targets);
        if (sent == null) {
            return;
        }
        try {
            SignalShell.Answer a = sent.answer().get(SIGNAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (a.status() != 0) {
                LOG.debug("kill -s {} -- {}: {}", signal.name(), targets, a.output());
            }
        } catch (TimeoutException e) {
            LOG.warn("kill -s {} -- {} did not finish; starting a new signal shell", signal.name(), targets);
            drop(sent.shell());
        } catch (ExecutionException e) {
            LOG.warn("kill -s {} -- {}: the signal shell ended before it answered", signal.name(), targets);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Sent(SignalShell shell, CompletableFuture<SignalShell.Answer> answer) {
    }

    /** Starts the shell now rather than at the first signal, which is often a stop of many services at once. */
    @Override
    public synchronized void prepare() {
        try {
            running();
        } catch (IOException e) {
            LOG.debug("signal shell not started yet: {}", e.getMessage());
        }
    }

    /** Ends the shell and waits (briefly) until it and its reader are gone. */
    @Override
    public void close() {
        SignalShell ending;
        synchronized (this) {
            ending = shell;
            shell = null;
        }
        if (ending != null) {
            ending.closeAndWait(Duration.ofSeconds(2));
        }
    }

    /** Sends on the running shell; a shell found gone is replaced once (nothing was sent to it). */
    private synchronized Sent send(Signal signal, List<String> targets) {
        for (int attempt = 1; ; attempt++) {
            try {
                SignalShell s = running();
                return new Sent(s, s.kill(signal, targets));
            } catch (IOException e) {
                drop(shell);
                if (attempt == 2) {
                    LOG.warn("cannot send {} to {}: {}", signal.fullName(), targets, e.getMessage());
                    return null;
                }
            }
        }
    }

    /** The shell signals go to now, null before the first (tests end it to check that a new one replaces it). */
    synchronized SignalShell current() {
        return shell;
    }

    private SignalShell running() throws IOException {
        if (shell == null || !shell.isAlive()) {
            shell = SignalShell.start();
        }
        return shell;
    }

    /** Ends a shell that stopped answering (stopped by someone, say); the next signal starts another. */
    private synchronized void drop(SignalShell unanswering) {
        if (unanswering != null) {
            unanswering.close();
            if (shell == unanswering) {
                shell = null;
            }
        }
    }

    @Override
    public void destroyForcibly(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
