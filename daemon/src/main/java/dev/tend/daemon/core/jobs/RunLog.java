package dev.tend.daemon.core.jobs;

import java.nio.file.Path;

/** A run and where its output is (a run that is starting may not have its file yet). */
public record RunLog(JobRun run, Path file) {
}
