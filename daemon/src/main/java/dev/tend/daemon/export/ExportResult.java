package dev.tend.daemon.export;

import java.util.List;

/**
 * What an export produced: files to write (names relative to the output directory) and, for people, every
 * part of the project the target format could not express. A warning is never a reason to stop: the
 * files are the closest translation, and the warnings say where it differs.
 */
public record ExportResult(List<ExportFile> files, List<String> warnings) {

    public record ExportFile(String name, String content) {
    }

    public ExportResult {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
