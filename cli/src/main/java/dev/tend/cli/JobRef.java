package dev.tend.cli;

import picocli.CommandLine.Parameters;

import java.util.Map;

/** `NAME`: the one job a command is about (job run, job history, job logs), by name or as project/job. */
final class JobRef {
    @Parameters(paramLabel = "NAME", description = "job or project/job")
    String ref;

    /** The job as request params: a bare name is of this directory's project. */
    Map<String, Object> params() {
        return TendSubcommand.refParams(ref);
    }
}
