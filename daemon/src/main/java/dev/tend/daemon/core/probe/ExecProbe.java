package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.process.ChildProcess;
import dev.tend.daemon.core.process.ExitStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ready when `/bin/sh -c command`, run in the service's cwd and environment, exits 0. A check that hangs
 * longer than {@code killAfter} is killed with its whole tree and counts as not ready.
 */
final class ExecProbe implements Probe {

    private final String command;
    private final ProbeContext ctx;
    private final Duration killAfter;
    private volatile String lastProblem;

    ExecProbe(String command, ProbeContext ctx, Duration killAfter) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("exec probe: empty command");
        }
        this.command = command;
        this.ctx = ctx;
        this.killAfter = killAfter;
    }

    @Override
    public boolean check() throws IOException, InterruptedException {
        ChildProcess p = ctx.launcher().launch(command, ctx.cwd(), ctx.env());
        // Its output is read and dropped: a closed pipe would kill a chatty check with SIGPIPE.
        drain(p.stdout());
        drain(p.stderr());
        try {
            ExitStatus status = p.onExit().get(killAfter.toMillis(), TimeUnit.MILLISECONDS);
            killLeftovers(p.pid(), Set.of());
            lastProblem = status.toString().replace("exit code", "exited");
            return status.success();
        } catch (TimeoutException e) {
            Set<Long> tree = new HashSet<>(ctx.control().tree(p.pid()));
            killLeftovers(p.pid(), tree);
            lastProblem = "no answer within " + killAfter.toMillis() + "ms";
            return false;
        } catch (ExecutionException e) {
            lastProblem = Probes.problem(e.getCause() != null ? e.getCause() : e);
            return false;
        } catch (InterruptedException e) {
            killLeftovers(p.pid(), new HashSet<>(ctx.control().tree(p.pid())));
            throw e;
        }
    }

    private void killLeftovers(long pid, Set<Long> before) {
        Set<Long> all = new HashSet<>(before);
        all.addAll(ctx.control().tree(pid));
        if (!all.isEmpty()) {
            ctx.control().kill(all);
        }
    }

    private void drain(InputStream in) {
        CompletableFuture.runAsync(() -> {
            try (in) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the check is over; nothing to report
            }
        }, ctx.executor());
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public String describe() {
        return "exec '" + command + "'";
    }
}
