package dev.tend.daemon.lifecycle;

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
        try {
            log.error("{}: stopping cleanly; the next command starts a fresh daemon", why, e);
            loop.died(why);
        } finally {
            shutdown.request(why);
        }
    }
}
