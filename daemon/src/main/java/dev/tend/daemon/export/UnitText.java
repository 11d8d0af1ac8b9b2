package dev.tend.daemon.export;

import dev.tend.daemon.core.probe.ProbeSpec;
import java.time.Duration;

/** Quoting for systemd unit files (systemd.syntax(7), systemd.service(7) "Command lines"). */
final class UnitText {
    private UnitText() {
    }

    /**
     * A value as one double-quoted word: C escapes for backslash, quote and control characters, {@code %%}
     * for a literal percent (specifiers expand everywhere) and, in command lines, {@code $$} for a literal
     * dollar (systemd would expand $VAR itself before the shell sees it).
     */
    static String quoted(String value, boolean commandLine) {
        return DoubleQuoted.of(value, c -> c == '%' ? "%%" : c == '$' && commandLine ? "$$" : null);
    }

    /** {@code Environment="K=V"}. */
    static String environment(String key, String value) {
        return "Environment=" + quoted(key + "=" + value, false);
    }

    /** {@code ExecStart=/bin/sh -c "COMMAND"}, as tend runs it. */
    static String shell(String directive, String command) {
        return directive + "=/bin/sh -c " + quoted(command, true);
    }

    /** A time span systemd reads ("10s", "1500ms"). */
    static String span(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return d.toMillis() + "ms";
    }

    /**
     * An http probe's URL with $PORT / ${PORT} replaced by a fixed port, as tend does at each start: the URL
     * ends up in single quotes, where no shell would expand it. Other probes get PORT from the environment.
     */
    static ProbeSpec withPort(ProbeSpec p, int port) {
        if (p.kind() != ProbeSpec.Kind.HTTP || port <= 0) {
            return p;
        }
        String url = p.target().replace("${PORT}", Integer.toString(port)).replace("$PORT", Integer.toString(port));
        return new ProbeSpec(p.kind(), url, p.interval(), p.timeout(), p.attemptTimeout());
    }

    /** A path as a unit setting value: specifiers escaped; systemd takes the rest literally. */
    static String path(String path) {
        return path.replace("%", "%%");
    }

    /** A size as systemd and Compose write it, in the largest binary unit that divides it: "512M", "1G", "1000". */
    static String memory(long bytes) {
        String[] units = {"G", "M", "K"};
        long[] factors = {1L << 30, 1L << 20, 1L << 10};
        for (int i = 0; i < units.length; i++) {
            if (bytes % factors[i] == 0) {
                return bytes / factors[i] + units[i];
            }
        }
        return Long.toString(bytes);
    }
}
