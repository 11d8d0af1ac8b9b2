package dev.tend.daemon.core;

import dev.tend.daemon.core.logs.LogCapture;
import dev.tend.daemon.core.logs.LogFile;
import dev.tend.daemon.core.logs.LogListener;
import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.core.logs.LogStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** One service's log file, open across its restarts, and the pumps of each run's stdout and stderr into it. */
final class ServiceLog implements AutoCloseable {

    private final LogFile file;

    private ServiceLog(LogFile file) {
        this.file = file;
    }

    static ServiceLog open(Path path, LogPolicy policy, Clock clock) {
        try {
            return new ServiceLog(LogFile.open(path, policy, clock));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot open log file " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return file.path();
    }

    /** Pumps both streams into the file on their own threads; completes when both reached EOF. */
    CompletableFuture<Void> capture(String service, InputStream out, InputStream err, LogListener listener) {
        CompletableFuture<Void> o = LogCapture.start(service, LogStream.OUT, out, file, listener);
        CompletableFuture<Void> e = LogCapture.start(service, LogStream.ERR, err, file, listener);
        return CompletableFuture.allOf(o, e);
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // closing at shutdown or forget: the lines are already written
        }
    }
}
