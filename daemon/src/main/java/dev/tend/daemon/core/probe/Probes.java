package dev.tend.daemon.core.probe;


import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Builds the probe a {@link ProbeSpec} names. */
public final class Probes {

    private Probes() {
    }

    /** @throws IllegalArgumentException if the target does not fit the kind (bad port, URL or regex) */
    public static Probe create(ProbeSpec spec, ProbeContext ctx) {
        String target = substitutePort(spec.target() == null ? "" : spec.target().trim(), ctx.port());
        Duration attempt = ctx.attemptTimeout();
        return switch (spec.kind()) {
            case TCP -> tcp(target, ctx.port(), attempt);
            case HTTP -> new HttpProbe(target, attempt);
            case EXEC -> new ExecProbe(target, ctx, attempt);
            case LOG -> {
                try {
                    yield new LogProbe(Pattern.compile(target));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("log probe: bad regular expression '" + target + "': "
                            + e.getDescription());
                }
            }
        };
    }

    /** "5432", "db.local:5432", or nothing / "$PORT" for the service's own port. */
    private static Probe tcp(String target, int servicePort, Duration attempt) {
        String host = "127.0.0.1";
        String port = target;
        int colon = target.lastIndexOf(':');
        if (colon >= 0) {
            host = target.substring(0, colon);
            port = target.substring(colon + 1);
        }
        int p;
        if (port.isEmpty()) {
            p = servicePort;
        } else {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("tcp probe: '" + target + "' is not a port or host:port");
            }
        }
        if (p <= 0 || p > 65535) {
            throw new IllegalArgumentException("tcp probe: no valid port in '" + target + "'"
                    + (port.isEmpty() ? " and the service has no port" : ""));
        }
        return new TcpProbe(host, p, attempt);
    }

    /** An attempt's exception in words: its message ("Connection refused"), else its kind. */
    static String problem(Throwable e) {
        String m = e.getMessage();
        return m != null && !m.isBlank() ? m : e.getClass().getSimpleName();
    }

    /** $PORT and ${PORT} stand for the service's port, so "http://127.0.0.1:$PORT/health" works with port: auto. */
    public static String substitutePort(String target, int port) {
        String p = port > 0 ? Integer.toString(port) : "";
        return target.replace("${PORT}", p).replace("$PORT", p);
    }
}
