package dev.tend.daemon.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Clock ticks per second and page size, asked of getconf once per daemon (Java has no sysconf). */
final class SystemConstants {

    private static final Logger LOG = LoggerFactory.getLogger(SystemConstants.class);

    static final long CLOCK_TICKS_PER_SECOND = getconf("CLK_TCK", 100);
    static final long PAGE_SIZE = getconf("PAGESIZE", 4096);

    private SystemConstants() {
    }

    private static long getconf(String name, long fallback) {
        try {
            Process p = new ProcessBuilder(Os.findExecutable("getconf").map(Object::toString).orElse("getconf"), name)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("getconf " + name + " did not finish");
            }
            long value = Long.parseLong(out);
            if (value <= 0) {
                throw new NumberFormatException("not positive: " + out);
            }
            return value;
        } catch (IOException | NumberFormatException e) {
            LOG.warn("getconf {} failed ({}); assuming {}", name, e.getMessage(), fallback);
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }
}
