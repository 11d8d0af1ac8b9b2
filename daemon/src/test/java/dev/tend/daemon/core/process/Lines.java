package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Lines of a child's output, read on a background thread so a test waits with a deadline, never forever. */
final class Lines {

    private static final long DEADLINE_SECONDS = 30;

    private final BlockingQueue<Optional<String>> queue = new LinkedBlockingQueue<>();

    private Lines(InputStream in) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    queue.add(Optional.of(line));
                }
            } catch (IOException e) {
                // stream closed under us: treated as its end
            }
            queue.add(Optional.empty());
        }, "test-lines");
        reader.setDaemon(true);
        reader.start();
    }

    static Lines of(InputStream in) {
        return new Lines(in);
    }

    String next() throws InterruptedException {
        Optional<String> line = queue.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            fail("no output line within " + DEADLINE_SECONDS + " s");
        }
        if (line.isEmpty()) {
            fail("output ended before the expected line");
        }
        return line.get();
    }

    /** The next line, which must start with prefix; returns the rest. */
    String next(String prefix) throws InterruptedException {
        String line = next();
        if (!line.startsWith(prefix)) {
            fail("expected a line starting with '" + prefix + "' but got '" + line + "'");
        }
        return line.substring(prefix.length());
    }
}
