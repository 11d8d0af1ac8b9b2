package dev.tend.daemon.lifecycle;

import dev.tend.daemon.core.process.ProcessLimit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that dies of an exception nobody caught (a log capture out of memory, say) leaves a duty undone
 * that nothing else takes over: a service whose output nobody reads blocks or dies of SIGPIPE. So it is never
 * silent: the daemon logs it and shuts down cleanly (services stopped, desired state kept), and the next command
 * starts a fresh daemon that starts them again.
 */
public final class DyingThreads {
    private static final Logger log = LoggerFactory.getLogger(DyingThreads.class);

    private DyingThreads() {
    }

    /** @param loop counts the death toward a crash loop ({@link CrashLoop}) */
    public static void install(Shutdown shutdown, CrashLoop loop) {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> died(shutdown, loop, thread, e));
    }

    static void died(Shutdown shutdown, CrashLoop loop, Thread thread, Throwable e) {
        String why = "thread " + thread.getName() + " died of " + e;
        if (ProcessLimit.isThreadLimit(e)) {
            // Not a bug, and stopping would need the threads there are none of: the services would be left without
            // a daemon. What failed for want of a thread says so where it matters (a start fails with these words).
            log.error("{}: the limit of processes and threads of this user (ulimit -u) is reached; going on",
                    why, e);
            return;
        }
        try {
            log.error("{}: stopping cleanly; the next command starts a fresh daemon", why, e);
            loop.died(why);
        } finally {
            shutdown.request(why);
        }
    }
}
