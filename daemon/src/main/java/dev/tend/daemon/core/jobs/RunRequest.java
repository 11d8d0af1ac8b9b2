package dev.tend.daemon.core.jobs;

import java.util.concurrent.CompletableFuture;

/**
 * What a manual run request got.
 *
 * @param queued   true if it waits for the running one to end (overlap: queue)
 * @param started  completes with the run once it has started (or failed to)
 * @param finished completes with the run once it has ended
 */
public record RunRequest(boolean queued, CompletableFuture<JobRun> started, CompletableFuture<JobRun> finished) {
}
