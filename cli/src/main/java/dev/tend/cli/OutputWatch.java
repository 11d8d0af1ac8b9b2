package dev.tend.cli;

import java.io.Closeable;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Notices that nobody reads the command's output any more (`tend logs -f x | head -1` after head exited) so that a
 * follow command ends instead of running for ever. A write into such a pipe fails (the JVM ignores SIGPIPE, and its
 * writers only remember the error: {@link PrintWriter#checkError()}); a follow with nothing new to write learns it
 * from poll(2) on stdout, which reports POLLERR for a pipe without readers (as coreutils' tail -f does). The JDK
 * has no public poll for a file descriptor: its internal one is used where the launcher opened it
 * (--add-opens java.base/sun.nio.ch), else only the write error counts.
 */
final class OutputWatch implements AutoCloseable {
    /** How often a quiet follow looks at its output. */
    static final long PERIOD_MILLIS = 250;

    private static final StdoutPoll POLL = StdoutPoll.create();

    private final PrintWriter out;
    private final Closeable onGone;
    private final Thread thread;
    private volatile boolean gone;

    private OutputWatch(PrintWriter out, Closeable onGone) {
        this.out = out;
        this.onGone = onGone;
        this.thread = new Thread(this::watch, "tend-output-watch");
        thread.setDaemon(true);
    }

    /**
     * Watches stdout in the background; once its reader is gone, closes {@code onGone} (the connection the command
     * blocks on) so that the command wakes up and ends with {@link OutputClosedException}.
     */
    static OutputWatch start(PrintWriter out, Closeable onGone) {
        OutputWatch w = new OutputWatch(out, onGone);
        if (POLL != null) {
            w.thread.start();
        }
        return w;
    }

    /**
     * Whether a write to the output failed. picocli's writer wraps System.out, a PrintStream that keeps its own
     * failures to itself (a full disk, a closed descriptor): both are asked.
     */
    static boolean failed(PrintWriter out) {
        return out.checkError() | System.out.checkError();
    }

    /** After printing: flushes, and throws if the output is gone. */
    void check() {
        if (gone || failed(out)) {
            gone = true;
            throw new OutputClosedException();
        }
    }

    /** What a failure of the command means: the output went away (then the failure is only its consequence). */
    Exception explain(Exception failure) {
        return gone || readerGone() ? new OutputClosedException() : failure;
    }

    /** Whether stdout is a pipe (or socket) without a reader, as far as this JVM can tell without writing. */
    static boolean readerGone() {
        return POLL != null && POLL.hasError();
    }

    private void watch() {
        try {
            while (!gone) {
                Thread.sleep(PERIOD_MILLIS);
                if (readerGone()) {
                    gone = true;
                    try {
                        onGone.close();
                    } catch (IOException ignored) {
                        // closing only wakes the command up
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }

    /** The output of a command had no reader any more. */
    static final class OutputClosedException extends RuntimeException {
        OutputClosedException() {
            super("nobody reads the output any more", null, false, false);
        }
    }

    /** poll(2) of fd 1 through the JDK's internal sun.nio.ch.Net.poll, where it can be reached. */
    private static final class StdoutPoll {
        private final MethodHandle poll;
        private final int errorEvents;

        private StdoutPoll(MethodHandle poll, int errorEvents) {
            this.poll = poll;
            this.errorEvents = errorEvents;
        }

        static StdoutPoll create() {
            try {
                Class<?> net = Class.forName("sun.nio.ch.Net");
                Method m = net.getDeclaredMethod("poll", FileDescriptor.class, int.class, long.class);
                m.setAccessible(true);
                MethodHandle handle = MethodHandles.lookup().unreflect(m)
                        .asType(MethodType.methodType(int.class, FileDescriptor.class, int.class, long.class));
                return new StdoutPoll(handle, constant(net, "POLLERR") | constant(net, "POLLHUP"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // not opened to us, or not this JDK's layout: the write error still ends the command
            }
        }

        private static int constant(Class<?> net, String name) throws ReflectiveOperationException {
            Field f = net.getDeclaredField(name);
            f.setAccessible(true);
            return ((Number) f.get(null)).intValue();
        }

        /** No events asked for: poll reports only error conditions, at once (timeout 0). */
        boolean hasError() {
            try {
                return ((int) poll.invokeExact(FileDescriptor.out, 0, 0L) & errorEvents) != 0;
            } catch (Throwable t) {
                return false;
            }
        }
    }
}
