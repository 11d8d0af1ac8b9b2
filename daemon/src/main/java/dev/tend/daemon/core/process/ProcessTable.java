package dev.tend.daemon.core.process;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One look at the processes, for several questions about the same moment (see {@link ProcessControl#table()}). */
public interface ProcessTable {

    /** {@link ProcessControl#tree} as of this look. */
    Set<Long> tree(long pid);

    /** {@link ProcessControl#marked} as of this look. */
    Set<Long> marked(String token);

    /**
     * {@link ProcessControl#startTime} as of this look: a tree brought up to date from it tells its members from
     * processes that took their pids without reading each one's stat again (fifty trees of a `down`).
     */
    Optional<Instant> startTime(long pid);

    /**
     * Whether the pid is alive in this look and in a process group not its own. For a run's main process that is its
     * first millisecond: the session helper exec'd but not yet through setsid(2), when no group of its number exists.
     * False where the platform cannot tell.
     */
    boolean outsideOwnGroup(long pid);
}
