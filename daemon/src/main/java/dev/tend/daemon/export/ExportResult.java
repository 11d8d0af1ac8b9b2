package dev.tend.daemon.export;

import java.util.List;

/**
 * What an export produced: files to write (names relative to the output directory) and, for people, every
 * part of the project the target format could not express. A warning is never a reason to stop: the
 * files are the closest translation, and the warnings say where it differs.
 */
public record ExportResult(List<ExportFile> files, List<String> warnings) {

    /**
     * @param ownerOnly the content copies values from env: (which may be secrets): the file is to be written
     *                  readable by its user only, and a warning says so
     */
    public record ExportFile(String name, String content, boolean ownerOnly) {

        public ExportFile(String name, String content) {
            this(name, content, false);
        }

        /** The file, owner-only (with the warning that says so) if {@code inlineEnvOf} names anything. */
        static ExportFile of(String name, String content, List<String> inlineEnvOf, List<String> warnings) {
            if (inlineEnvOf.isEmpty()) {
                return new ExportFile(name, content);
            }
            warnings.add(name + " holds the env: values of " + String.join(", ", inlineEnvOf) + " written out: it is "
                    + "written readable by you only (0600); put secrets in an env_file, which is referenced, not copied");
            return new ExportFile(name, content, true);
        }
    }

    public ExportResult {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
