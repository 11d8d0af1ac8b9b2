package dev.tend.protocol;

import java.util.Collection;

/**
 * The one rule for the names of a replicated service's copies (`replicas: N`, docs/project-file.md "Replicas"):
 * `api#1` … `api#N`. '#' is in no name a user may give ({@link NameRule}), so a name with it is always a copy. It
 * lives in protocol so the daemon, the CLI and the TUI read names alike, and so a client can show a group of copies
 * with one summary (ps and the TUI's group rows).
 */
public final class ReplicaNames {
    private static final char MARK = '#';

    private ReplicaNames() {
    }

    public static String copyName(String group, int index) {
        return group + MARK + index;
    }

    /** "api" for "api#2"; null for a plain service. */
    public static String groupOf(String name) {
        int i = name.lastIndexOf(MARK);
        return i < 0 ? null : name.substring(0, i);
    }

    /** 2 for "api#2"; 0 for a plain service. */
    public static int indexOf(String name) {
        int i = name.lastIndexOf(MARK);
        return i < 0 ? 0 : Integer.parseInt(name.substring(i + 1));
    }

    /**
     * A group's state in one word pair, "2/3 up": how many copies are up (running or ready, as the TUI's title
     * counts services) of how many there are. The copies' own rows say the rest.
     */
    public static String summary(Collection<String> copyStates) {
        long up = copyStates.stream().filter(s -> s.equals("running") || s.equals("ready")).count();
        long completed = copyStates.stream().filter(s -> s.equals("completed")).count();
        if (up == 0 && completed > 0) {
            return completed + "/" + copyStates.size() + " completed"; // tasks that did their job, not "0/3 up"
        }
        return up + "/" + copyStates.size() + " up";
    }
}
