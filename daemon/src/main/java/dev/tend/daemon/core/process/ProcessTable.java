package dev.tend.daemon.core.process;

import java.util.Set;

/** One look at the processes, for several questions about the same moment (see {@link ProcessControl#table()}). */
public interface ProcessTable {

    /** {@link ProcessControl#tree} as of this look. */
    Set<Long> tree(long pid);

    /** {@link ProcessControl#marked} as of this look. */
    Set<Long> marked(String token);
}
