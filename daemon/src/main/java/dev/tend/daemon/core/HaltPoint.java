package dev.tend.daemon.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * For crash tests only: {@code TEND_TEST_HALT_AT=<point>} (or {@code <point>@<n>}, the n-th time) in the daemon's
 * environment halts it at once when it reaches that named point, as {@code kill -9} would: no shutdown hook, no
 * cleanup, children left running. A timed kill lands wherever the machine's load puts it; this lands where asked.
 * Unset (always, outside tests) it costs one comparison.
 */
public final class HaltPoint {
    /** The environment variable naming the point. */
    public static final String VARIABLE = "TEND_TEST_HALT_AT";

    private static final Logger log = LoggerFactory.getLogger(HaltPoint.class);
    private static final String POINT;
    private static final int NTH;
    private static final AtomicInteger REACHED = new AtomicInteger();

    static {
        String spec = System.getenv(VARIABLE);
        int at = spec == null ? -1 : spec.lastIndexOf('@');
        int nth = 1;
        if (at > 0) {
            try {
                nth = Integer.parseInt(spec.substring(at + 1));
                spec = spec.substring(0, at);
            } catch (NumberFormatException e) {
                nth = 1;
            }
        }
        POINT = spec == null || spec.isBlank() ? null : spec;
        NTH = nth;
    }

    private HaltPoint() {
    }

    /** Halts the daemon if this is the point (and the time) the environment asked for. */
    public static void reached(String point) {
        if (POINT != null && POINT.equals(point) && REACHED.incrementAndGet() == NTH) {
            log.error("halting at {} ({}={}), as a kill -9 would", point, VARIABLE, POINT + "@" + NTH);
            Runtime.getRuntime().halt(137);
        }
    }
}
