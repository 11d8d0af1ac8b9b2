package dev.tend.daemon.project;

import dev.tend.daemon.core.text.QuotedValues;

import java.nio.file.Path;

/**
 * A project file (tend.yaml, Procfile or an env_file it names) that cannot be used, with where and why.
 * The message reads like a compiler's: "tend.yaml:12: unknown key 'comand' in service 'api' (did you mean
 * 'command'?)".
 */
public final class ProjectFileException extends Exception {

    private final Path file;
    private final int line;
    private final int column;
    private final String reason;

    /**
     * @param file   the file as the user named it (relative if they gave a relative path)
     * @param line   1-based, or 0 when the problem is not on one line (a missing file)
     * @param column 1-based, or 0 when unknown
     */
    public ProjectFileException(Path file, int line, int column, String reason) {
        super(format(file, line, QuotedValues.shorten(reason)));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = QuotedValues.shorten(reason);
    }

    private static String format(Path file, int line, String reason) {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }

    public Path file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** What is wrong, without the file and line. */
    public String reason() {
        return reason;
    }
}
