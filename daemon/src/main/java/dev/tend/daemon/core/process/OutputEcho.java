package dev.tend.daemon.core.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A helper child's output (a hook's, a stop_command's) echoed into the daemon's log, bounded: the stream is read to
 * its end so the child never blocks on a full pipe, but at most {@code maxLines} lines are handed on, each cut at
 * {@code maxChars} ("…" marks a cut), and no more than that is ever held, however long a line runs.
 */
public final class OutputEcho {

    private OutputEcho() {
    }

    /**
     * @param shown  gets each of the first maxLines lines
     * @param failed gets the error if reading stopped early (the stream closed under the reader)
     * @return how many lines there were in all (more than maxLines: the rest were dropped)
     */
    public static int read(InputStream in, int maxLines, int maxChars, Consumer<String> shown,
                           Consumer<IOException> failed) {
        int lines = 0;
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            for (int n = r.read(buf); n >= 0; n = r.read(buf)) {
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        if (++lines <= maxLines) {
                            shown.accept(cut ? line + "…" : line.toString());
                        }
                        line.setLength(0);
                        cut = false;
                    } else if (line.length() < maxChars) {
                        line.append(c);
                    } else {
                        cut = true;
                    }
                }
            }
        } catch (IOException e) {
            failed.accept(e);
        }
        if (!line.isEmpty() && ++lines <= maxLines) {
            shown.accept(cut ? line + "…" : line.toString());
        }
        return lines;
    }
}
