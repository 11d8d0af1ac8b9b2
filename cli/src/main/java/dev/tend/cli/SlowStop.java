package dev.tend.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * A stop that takes a while says why, once: a service that ignores its stop signal holds a `down` up until its
 * stop_timeout (10 s unless set), and a silent wait that long looks like a hang. After {@link #AFTER_MILLIS} the
 * services still stopping are looked up (on a connection of their own) and named on stderr.
 */
final class SlowStop implements AutoCloseable {
    static final long AFTER_MILLIS = 2000;

    private final Thread thread;
    private volatile boolean over;

    private SlowStop(Supplier<List<String>> stillStopping, PrintWriter err) {
        thread = new Thread(() -> {
            try {
                Thread.sleep(AFTER_MILLIS);
                List<String> names = stillStopping.get();
                if (!over && !names.isEmpty()) {
                    err.println(line(names));
                    err.flush();
                }
            } catch (InterruptedException | RuntimeException e) {
                // the stop ended first, or the look failed: the notice is only a courtesy
            }
        }, "tend-slow-stop");
        thread.setDaemon(true);
        thread.start();
    }

    /** @param stillStopping the services still stopping, as the user names them; called once, off this thread */
    static SlowStop watch(Supplier<List<String>> stillStopping, PrintWriter err) {
        return new SlowStop(stillStopping, err);
    }

    static String line(List<String> names) {
        boolean one = names.size() == 1;
        return "tend: still stopping " + String.join(", ", names) + (one ? " (it was sent its stop signal; what is "
                + "left of it is killed after its stop_timeout)" : " (they were sent their stop signal; what is left "
                + "of each is killed after its stop_timeout)");
    }

    @Override
    public void close() {
        over = true;
        thread.interrupt();
    }
}
