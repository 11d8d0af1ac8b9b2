package dev.tend.mcp;

import dev.tend.client.RpcClient;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A few tools about one area of tend (services, logs, projects, jobs), registered together, and what they all work
 * with: the link to the daemon, how a target is named, how the daemon's views are shown, and a timer for waits.
 */
abstract class ToolGroup {
    /** What every group is made with; one per server. */
    record Context(DaemonLink link, Targets targets, Views views, ScheduledExecutorService timer) {
    }

    protected final DaemonLink link;
    protected final Targets targets;
    protected final Views views;
    private final ScheduledExecutorService timer;

    ToolGroup(Context context) {
        this.link = context.link();
        this.targets = context.targets();
        this.views = context.views();
        this.timer = context.timer();
    }

    abstract void register(ToolSet tools);

    /** A connection of its own for a long call (a wait), closed when {@code seconds} pass, which ends the call. */
    TimedConnection timed(int seconds) {
        return new TimedConnection(link.open(), timer, seconds);
    }

    static final class TimedConnection implements AutoCloseable {
        private final RpcClient client;
        private final AtomicBoolean timedOut = new AtomicBoolean();
        private final ScheduledFuture<?> alarm;

        private TimedConnection(RpcClient client, ScheduledExecutorService timer, int seconds) {
            this.client = client;
            this.alarm = timer.schedule(() -> {
                timedOut.set(true);
                DaemonLink.closeQuietly(client); // ends a blocking read on it
            }, seconds, TimeUnit.SECONDS);
        }

        RpcClient client() {
            return client;
        }

        /** Whether the time ran out: a failure of the call is then the closed connection, not the daemon's answer. */
        boolean timedOut() {
            return timedOut.get();
        }

        @Override
        public void close() {
            alarm.cancel(false);
            DaemonLink.closeQuietly(client);
        }
    }
}
