package dev.tend.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** `-p NAME` / `-f FILE`: which registered project a command acts on (down, forget, reload). */
final class ProjectOptions {
    @Option(names = {"-p", "--project"}, paramLabel = "NAME", description = "A project by name instead of this directory's.")
    String project;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The project of this file, as `up -f FILE` registered it.")
    Path file;

    /** The named project, else the file's, else this directory's, as request params. */
    Map<String, Object> params() {
        return TendSubcommand.projectScope(project, file);
    }
}
