package dev.tend.daemon.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Puts the daemon's socket back when its file is deleted or replaced (a cleanup script, `rm -r` of the runtime
 * directory): without it no client could reach the daemon, nor stop it, while its services run on. The daemon holds
 * the pid lock, so it alone may bind that path. Checked once a second: a stat, nothing more.
 */
public final class SocketWatch implements AutoCloseable {
    /** How often the path is looked at; a client waits longer than this for a socket to come back. */
    public static final Duration CHECK = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SocketWatch.class);

    /** Binds the socket again; may create its directory first. */
    public interface Rebind {
        void rebind() throws IOException;
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tend-socket-watch");
        t.setDaemon(true);
        return t;
    });
    private final Path socket;
    private final BooleanSupplier intact;
    private final Rebind rebind;
    private boolean failedBefore;

    public SocketWatch(Path socket, BooleanSupplier intact, Rebind rebind) {
        this.socket = socket;
        this.intact = intact;
        this.rebind = rebind;
        timer.scheduleWithFixedDelay(this::check, CHECK.toMillis(), CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            if (intact.getAsBoolean()) {
                return;
            }
            if (!failedBefore) { // while it keeps failing, the error below said it once
                log.warn("the socket {} was deleted or replaced: listening there again", socket);
            }
            rebind.rebind();
            if (failedBefore) {
                log.info("listening on {} again", socket);
            }
            failedBefore = false;
        } catch (IOException | RuntimeException e) {
            // Said once, tried again every second: a directory may come back, a disk may be freed.
            if (!failedBefore) {
                log.error("cannot listen on {} again: {}; clients cannot reach this daemon until it can (it stops "
                        + "on SIGTERM)", socket, e.toString());
            }
            failedBefore = true;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
