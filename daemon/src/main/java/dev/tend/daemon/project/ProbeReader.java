package dev.tend.daemon.project;

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
 * A service's `ready:` probe: exactly one of tcp, http, exec, log, and optional interval, timeout and
 * attempt_timeout.
 */
final class ProbeReader {

    private static final List<String> KINDS = List.of("tcp", "http", "exec", "log");
    private static final List<String> KEYS = List.of("tcp", "http", "exec", "log", "interval", "timeout",
            "attempt_timeout");

    /** Stands for $PORT while a target is checked: any valid port does. */
    private static final int SAMPLE_PORT = 1;

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
        List<YamlNode.Entry> kinds = map.entries().stream().filter(e -> KINDS.contains(e.key())).toList();
        if (kinds.isEmpty()) {
            throw values.fail(ready, where + " needs one of tcp, http, exec or log");
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
            case EXEC -> text.isBlank() ? "the exec command is empty" : null;
            case LOG -> logProblem(text);
        };
        if (problem != null) {
            throw values.fail(kind.value(), where + ": " + problem);
        }
        Duration interval = ProbeSpec.DEFAULT_INTERVAL;
        YamlNode.Entry intervalEntry = Values.find(map, "interval");
        if (intervalEntry != null) {
            interval = values.duration(intervalEntry, where, true);
        }
        Duration timeout = ProbeSpec.DEFAULT_TIMEOUT;
        YamlNode.Entry timeoutEntry = Values.find(map, "timeout");
        if (timeoutEntry != null) {
            timeout = values.duration(timeoutEntry, where, true);
        }
        Duration attemptTimeout = ProbeSpec.DEFAULT_ATTEMPT_TIMEOUT;
        YamlNode.Entry attemptEntry = Values.find(map, "attempt_timeout");
        if (attemptEntry != null) {
            attemptTimeout = values.duration(attemptEntry, where, true);
        }
        return new ProbeSpec(probeKind, text, interval, timeout, attemptTimeout);
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
    private static String httpProblem(String text, String shown) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "bad url '" + shown + "': it must start with http:// or https://";
            }
            if (uri.getHost() == null) {
                return "bad url '" + shown + "': it has no host";
            }
            return null;
        } catch (URISyntaxException e) {
            return "bad url '" + shown + "': " + e.getReason() + " at index " + e.getIndex();
        }
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
