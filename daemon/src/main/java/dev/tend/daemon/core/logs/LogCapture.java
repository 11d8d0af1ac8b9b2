package dev.tend.daemon.core.logs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pumps one output stream of a child into its {@link LogFile} on a dedicated thread, then tells the listener.
 *
 * <p>Each read takes whatever the pipe holds (up to 64 KiB) and goes to the file as one write with one timestamp,
 * so the child is held up by no more than the disk. The read buffer starts small and doubles whenever a read fills
 * it: fifty quiet services keep a few KiB each, not the 200 KiB a chatty one needs. A line the child has not finished yet waits in memory (at most
 * the line limit) until its '\n' or the end of the stream.
 */
public final class LogCapture {

    private static final Logger log = LoggerFactory.getLogger(LogCapture.class);
    private static final int FIRST_CHUNK = 4 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final String service;
    private final LogStream stream;
    private final InputStream in;
    private final LogFile file;
    private final LogListener listener;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private boolean writeFailing;
    /** Lines read but not written since writing began to fail, from when, and why (for the notice in the log). */
    private long lost;
    private Instant lostSince;
    private String lostWhy;

    private LogCapture(String service, LogStream stream, InputStream in, LogFile file, LogListener listener) {
        this.service = service;
        this.stream = stream;
        this.in = in;
        this.file = file;
        this.listener = listener;
    }

    /**
     * Starts pumping on a daemon thread named {@code log-<service>-<out|err>}.
     *
     * @param listener told of each batch of lines after they are in the file, or null
     * @return completes once the stream reached its end and every line of it is in the file and was passed to the
     *         listener; the stream is closed by then. Wait for both streams of a child before calling it exited.
     */
    public static CompletableFuture<Void> start(String service, LogStream stream, InputStream in, LogFile file,
            LogListener listener) {
        LogCapture capture = new LogCapture(service, stream, in, file, listener);
        Thread thread = new Thread(capture::run, "log-" + service + "-" + stream.word());
        thread.setDaemon(true);
        thread.start();
        return capture.drained;
    }

    private void run() {
        try (in) {
            byte[] chunk = new byte[FIRST_CHUNK];
            LineBatch batch = new LineBatch(stream, listener != null, 2 * FIRST_CHUNK);
            LineSplitter splitter = new LineSplitter(file.policy().maxLineBytes());
            int n;
            while ((n = read(chunk)) >= 0) {
                splitter.feed(chunk, 0, n, batch);
                flush(batch);
                if (n == chunk.length && chunk.length < MAX_CHUNK) {
                    chunk = new byte[chunk.length * 2]; // the pipe held more than we took: take more at a time
                }
            }
            splitter.finish(batch);
            flush(batch);
        } catch (IOException e) {
            log.debug("closing {} of {} failed", stream.word(), service, e);
        } catch (RuntimeException | Error e) {
            log.error("log capture of {} {} failed", service, stream.word(), e);
            drained.completeExceptionally(e);
            throw e; // nobody reads the service's output now: the thread's death must not be silent (DyingThreads)
        }
        drained.complete(null);
    }

    /** Bytes read, or -1 at the end of the stream; a stream closed under us counts as ended. */
    private int read(byte[] chunk) {
        try {
            return in.read(chunk);
        } catch (IOException e) {
            log.debug("reading {} of {} failed; treating it as the end", stream.word(), service, e);
            return -1;
        }
    }

    private void flush(LineBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        Instant time;
        List<LogLine> notice = List.of();
        try {
            if (writeFailing) {
                // the log itself says what it lacks, where it lacks it: a reader of it never takes the gap for quiet
                notice = file.append(LogStream.ERR, "tend: " + lost + " line" + (lost == 1 ? "" : "s") + " of std"
                        + stream.word() + " could not be written from " + lostSince + " (" + lostWhy + ")");
                lost = 0;
                lostSince = now();
            }
            time = file.write(batch);
            if (writeFailing) {
                writeFailing = false;
                log.info("writing the log of {} works again", service);
            }
        } catch (IOException e) {
            // Keep reading regardless: a child blocked on a full pipe would hang. Live listeners still get the lines.
            if (!writeFailing) {
                writeFailing = true;
                lostSince = now();
                lostWhy = "cannot write " + file.path() + ": " + e.getMessage();
                log.warn("cannot write the log of {} to {}; lines are lost until it works again", service,
                        file.path(), e);
            }
            lost += batch.count();
            time = now();
        }
        if (listener == null) {
            batch.clear();
            return;
        }
        List<LogLine> lines = batch.lines(time);
        if (!notice.isEmpty()) {
            List<LogLine> all = new java.util.ArrayList<>(notice);
            all.addAll(lines);
            lines = all;
        }
        batch.clear();
        try {
            listener.onLines(lines);
        } catch (RuntimeException e) {
            log.warn("log listener of {} failed on {} lines", service, lines.size(), e);
        }
    }

    /** The time of lines that could not be written, at the files' precision. */
    private Instant now() {
        return file.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
