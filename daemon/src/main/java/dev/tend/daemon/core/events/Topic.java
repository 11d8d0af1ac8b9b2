package dev.tend.daemon.core.events;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a subscriber asks to hear about. project.changed belongs to SERVICE; events.lagged and daemon.stopping reach
 * everyone. USAGE (service.usage, sampled every few seconds) is asked for by name only: it costs the daemon work.
 */
public enum Topic {
    SERVICE, LOG, JOB, DAEMON, USAGE;

    /** What a subscription that names no topics gets: every state change, but no log lines and no usage samples. */
    public static Set<Topic> defaults() {
        return EnumSet.of(SERVICE, JOB, DAEMON);
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "service", "log", "job", "daemon" or "usage". */
    public static Topic parse(String word) {
        for (Topic t : values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topic '" + word + "': use service, log, job, daemon or usage");
    }
}
