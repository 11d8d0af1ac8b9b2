package dev.tend.daemon.project;

import dev.tend.daemon.core.process.CommandSize;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.probe.Probes;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A service's `ready:` probe (exactly one of tcp, http, exec, log, and optional interval, timeout and
 * attempt_timeout) and its `alive:` probe (the same targets but log, with interval, timeout and failures).
 */
final class ProbeReader {

    private static final List<String> KINDS = List.of("tcp", "http", "exec", "log");
    private static final List<String> KEYS = List.of("tcp", "http", "exec", "log", "interval", "timeout",
            "attempt_timeout");
    private static final List<String> ALIVE_KINDS = List.of("tcp", "http", "exec");
    private static final List<String> ALIVE_KEYS = List.of("tcp", "http", "exec", "log", "interval", "timeout",
            "failures");

    /** Stands for $PORT while a target is checked: any valid port does. */
    static final int SAMPLE_PORT = 1;

    private final Values values;

    ProbeReader(Values values) {
        this.values = values;
    }

    /**
     * @param hasPort whether the service has a port (fixed or auto): then {@code $PORT} and {@code ${PORT}} in a tcp,
     *                http or exec target stand for it, and the target is checked with a sample port in their place
     */
    ProbeSpec read(YamlNode.Entry ready, String service, boolean hasPort) throws ProjectFileException {
        String where = service + ": ready";
        YamlNode.Mapping map = values.mapping(ready.value(), where, "a map like { tcp: 5432 }");
        values.checkKeys(map, KEYS, "in the ready probe of " + service);
        Target target = target(ready, map, KINDS, where, service, hasPort);
        Duration interval = duration(map, "interval", where, ProbeSpec.DEFAULT_INTERVAL);
        Duration timeout = duration(map, "timeout", where, ProbeSpec.DEFAULT_TIMEOUT);
        Duration attemptTimeout = duration(map, "attempt_timeout", where, ProbeSpec.DEFAULT_ATTEMPT_TIMEOUT);
        return new ProbeSpec(target.kind(), target.text(), interval, timeout, attemptTimeout);
    }

    /**
     * A service's `alive:` probe: one of tcp, http, exec (a log line cannot tell that a process still works), and
     * optional interval, timeout (of one check) and failures (in a row, at least 1).
     */
    Health.Alive readAlive(YamlNode.Entry alive, String service, boolean hasPort) throws ProjectFileException {
        String where = service + ": alive";
        YamlNode.Mapping map = values.mapping(alive.value(), where, "a map like { http: http://127.0.0.1:8080/health }");
        values.checkKeys(map, ALIVE_KEYS, "in the alive probe of " + service);
        YamlNode.Entry log = Values.find(map, "log");
        if (log != null) {
            throw values.fail(log, where + ": a log line cannot tell that a process still works; use tcp, http or exec");
        }
        Target target = target(alive, map, ALIVE_KINDS, where, service, hasPort);
        Duration interval = duration(map, "interval", where, Health.Alive.DEFAULT_INTERVAL);
        Duration timeout = duration(map, "timeout", where, Health.Alive.DEFAULT_TIMEOUT);
        int failures = Health.Alive.DEFAULT_FAILURES;
        YamlNode.Entry failuresEntry = Values.find(map, "failures");
        if (failuresEntry != null) {
            failures = values.count(failuresEntry, where);
            if (failures < 1) {
                throw values.fail(failuresEntry.value(), where + ": failures must be at least 1 (how many failed "
                        + "checks in a row restart the service), not " + failures);
            }
        }
        return new Health.Alive(new ProbeSpec(target.kind(), target.text(), interval, null, timeout), failures);
    }

    private record Target(ProbeSpec.Kind kind, String text) {
    }

    /** Exactly one of the kinds, its target checked. */
    private Target target(YamlNode.Entry probe, YamlNode.Mapping map, List<String> allowed, String where,
                          String service, boolean hasPort) throws ProjectFileException {
        List<YamlNode.Entry> kinds = map.entries().stream().filter(e -> allowed.contains(e.key())).toList();
        if (kinds.isEmpty()) {
            throw values.fail(probe, where + " needs one of " + String.join(", ", allowed.subList(0, allowed.size() - 1))
                    + " or " + allowed.get(allowed.size() - 1));
        }
        if (kinds.size() > 1) {
            throw values.fail(kinds.get(1), where + " has both " + kinds.get(0).key() + " and "
                    + kinds.get(1).key() + "; give exactly one");
        }
        YamlNode.Entry kind = kinds.get(0);
        String text = values.text(kind, where, expected(kind.key()));
        ProbeSpec.Kind probeKind = ProbeSpec.Kind.valueOf(kind.key().toUpperCase(Locale.ROOT));
        String checked = Probes.substitutePort(text, SAMPLE_PORT);
        if (!checked.equals(text) && !hasPort && (probeKind == ProbeSpec.Kind.TCP || probeKind == ProbeSpec.Kind.HTTP)) {
            throw values.fail(kind.value(), where + ": '" + text + "' uses $PORT but " + service
                    + " has no port; add port: auto (or port: N)");
        }
        String problem = switch (probeKind) {
            case TCP -> tcpProblem(checked, text);
            case HTTP -> httpProblem(checked, text);
            case EXEC -> text.isBlank() ? "the exec command is empty" : CommandSize.tooLong(text);
            case LOG -> logProblem(text);
        };
        if (problem != null) {
            throw values.fail(kind.value(), where + ": " + problem);
        }
        return new Target(probeKind, text);
    }

    private Duration duration(YamlNode.Mapping map, String key, String where, Duration fallback)
            throws ProjectFileException {
        YamlNode.Entry entry = Values.find(map, key);
        return entry == null ? fallback : values.duration(entry, where, true);
    }

    private static String expected(String kind) {
        return switch (kind) {
            case "tcp" -> "a port or host:port";
            case "http" -> "an http(s) URL";
            case "exec" -> "a shell command";
            default -> "a regular expression";
        };
    }

    /** @param shown the target as written, for the message */
    private static String tcpProblem(String text, String shown) {
        int colon = text.lastIndexOf(':');
        String port = colon < 0 ? text : text.substring(colon + 1);
        if (colon == 0 || Values.port(port) < 0) {
            return "bad tcp target '" + shown + "' (expected a port from 1 to 65535, $PORT, or host:port)";
        }
        return null;
    }

    /** @param shown the target as written, for the message */
    static String httpProblem(String text, String shown) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "bad url '" + shown + "': it must start with http:// or https://";
            }
            String port = portOf(uri.getRawAuthority());
            if (port != null && Values.port(port) < 0) {
                return "bad url '" + shown + "': its port is not a number from 1 to 65535";
            }
            if (uri.getHost() == null) {
                return "bad url '" + shown + "': it has no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "bad url '" + shown + "': " + e.getReason() + " at index " + e.getIndex();
        }
    }

    /** The port as written in "user@host:port" or "[::1]:port", or null if none is written. */
    private static String portOf(String authority) {
        if (authority == null) {
            return null;
        }
        String hostAndPort = authority.substring(Math.max(authority.lastIndexOf('@'), authority.lastIndexOf(']')) + 1);
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? null : hostAndPort.substring(colon + 1);
    }

    private static String logProblem(String text) {
        try {
            Pattern.compile(text);
            return text.isEmpty() ? "the log pattern is empty" : null;
        } catch (PatternSyntaxException e) {
            return "bad log pattern '" + text + "': " + e.getDescription() + " near index " + e.getIndex();
        }
    }
}
