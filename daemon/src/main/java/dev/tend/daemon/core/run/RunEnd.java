package dev.tend.daemon.core.run;

import dev.tend.daemon.core.process.ExitStatus;

/**
 * How a {@link ProcessRun} ended, once its tree is gone and its output drained.
 *
 * @param status     the main process's exit status (a wait that failed counts as SIGKILL)
 * @param treeKilled a stop sequence had to SIGKILL what was left of the tree after its timeout
 */
public record RunEnd(ExitStatus status, boolean treeKilled) {
}
