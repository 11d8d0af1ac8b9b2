package dev.tend.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** `-f FILE`, repeatable: the project file and the files merged over it, for the commands that read them (up, config). */
final class ProjectFileOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The project file (default: tend.yaml or Procfile here); repeat to merge files over it in order (-f tend.yaml -f local.yaml).")
    List<Path> files = List.of();

    /** The files as absolute paths, as the daemon (which has another working directory) must get them. */
    List<String> absolute() {
        return files.stream().map(f -> f.toAbsolutePath().normalize().toString()).toList();
    }
}
