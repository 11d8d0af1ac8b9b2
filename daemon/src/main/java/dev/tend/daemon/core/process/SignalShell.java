package dev.tend.daemon.core.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived {@code /bin/sh} that runs its shell's builtin kill for each line it reads: a signal costs a pipe
 * write and a read instead of a fork and exec of a shell (about 2 ms of the daemon's CPU each; fifty services
 * stopping at once paid 100 ms for it alone). Its standard input is the daemon's pipe, so it ends with the daemon,
 * however the daemon ends. Answers come back in order; a reader thread hands each to the request it belongs to.
 * Not thread-safe: a request's place in the queue and its line on the pipe must keep the same order, so
 * {@link ShellKill} sends under its own lock.
 */
final class SignalShell {

    /** Ends each answer: a byte no kill(1) message contains, then kill's exit status. */
    private static final char END = '\u001e';

    /** What kill printed (its errors: "No such process") and its exit status. */
    record Answer(int status, String output) {
    }

    private final Process process;
    private final OutputStream commands;
    private final Thread reader;
    private final Queue<CompletableFuture<Answer>> waiting = new ArrayDeque<>();
    /** The reader saw the shell's end: nothing sent now would be answered. Guarded by waiting. */
    private boolean ended;

    private SignalShell(Process process) {
        this.process = process;
        this.commands = process.getOutputStream();
        this.reader = new Thread(this::readAnswers, "tend-signal-shell");
        this.reader.setDaemon(true);
    }

    static SignalShell start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh")
                .directory(new File("/")) // holds no directory a user may want to remove
                .redirectErrorStream(true);
        pb.environment().clear();
        SignalShell shell = new SignalShell(pb.start());
        shell.reader.start();
        return shell;
    }

    /**
     * Sends {@code kill -s NAME -- TARGET...}.
     *
     * @param targets pids or "-PGID"; checked here too, since they are pasted into a shell's command line
     * @return completes with kill's answer, or exceptionally if the shell ends before it answers
     * @throws IOException if the shell is gone (its pipe is closed): nothing was sent
     */
    CompletableFuture<Answer> kill(Signal signal, List<String> targets) throws IOException {
        StringBuilder line = new StringBuilder("kill -s ").append(signal.name()).append(" --");
        for (String target : targets) {
            line.append(' ').append(checked(target));
        }
        line.append(" 2>&1; printf '\\036%s\\n' \"$?\"\n");
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        synchronized (waiting) {
            if (ended) {
                throw new IOException("the signal shell ended");
            }
            waiting.add(answer);
        }
        try {
            commands.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            commands.flush();
        } catch (IOException e) {
            synchronized (waiting) {
                waiting.remove(answer);
            }
            throw e;
        }
        return answer;
    }

    /**
     * A second guard behind {@link PosixProcessControl}'s, for whoever reaches the shell directly: to kill(1),
     * 0 and -0 mean the caller's own process group (the daemon's, and a test's JVM), -1 every process the user may
     * signal (as root: the machine), 1 is init. A pid's one wrong digit must not make any of them. Written out here
     * again rather than shared with the control's {@code requireChildPid} on purpose: one wrong line (or one mutant)
     * in a shared check would take both guards down at once.
     */
    static String checked(String target) {
        if (!target.matches("-?[1-9][0-9]{0,18}")) {
            throw new IllegalArgumentException("not a pid or process group: " + target);
        }
        long id = Math.abs(Long.parseLong(target));
        if (id <= 1 || id == ProcessHandle.current().pid()) {
            throw new IllegalArgumentException("refusing to signal " + target + ": not a child's pid or group");
        }
        return target;
    }

    boolean isAlive() {
        synchronized (waiting) {
            return !ended && process.isAlive();
        }
    }

    /** Ends the shell; requests still waiting complete exceptionally. */
    void close() {
        process.destroyForcibly();
    }

    long pid() {
        return process.pid();
    }

    /** The shell is reaped and its reader has ended: nothing of it is left in the JVM or the system. */
    boolean gone() {
        return !process.isAlive() && !reader.isAlive();
    }

    /** Ends the shell and waits up to {@code patience} for it to be reaped and for its reader to end. */
    void closeAndWait(Duration patience) {
        try {
            commands.close(); // end of input: the shell exits by itself
        } catch (IOException e) {
            // already closed
        }
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            reader.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readAnswers() {
        List<String> output = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int end = line.indexOf(END);
                if (end < 0) {
                    output.add(line);
                    continue;
                }
                if (end > 0) {
                    output.add(line.substring(0, end)); // a message without its newline
                }
                CompletableFuture<Answer> answer;
                synchronized (waiting) {
                    answer = waiting.poll();
                }
                if (answer != null) {
                    answer.complete(new Answer(parseStatus(line.substring(end + 1)), String.join("\n", output)));
                }
                output.clear();
            }
        } catch (IOException e) {
            // the shell is gone: the requests still waiting fail below
        }
        process.destroyForcibly();
        List<CompletableFuture<Answer>> left;
        synchronized (waiting) {
            ended = true;
            left = new ArrayList<>(waiting);
            waiting.clear();
        }
        IOException gone = new IOException("the signal shell ended");
        left.forEach(a -> a.completeExceptionally(gone));
    }

    private static int parseStatus(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
