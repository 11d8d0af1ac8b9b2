package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.logs.LogLine;

import java.util.List;
import java.util.regex.Pattern;

/** Ready once a captured log line (stdout or stderr) contains a match of the regex. */
final class LogProbe implements Probe {

    private final Pattern pattern;
    private volatile boolean matched;

    LogProbe(Pattern pattern) {
        this.pattern = pattern;
    }

    @Override
    public boolean check() {
        return matched;
    }

    @Override
    public boolean onLines(List<LogLine> lines) {
        if (!matched) {
            for (LogLine line : lines) {
                if (pattern.matcher(line.text()).find()) {
                    matched = true;
                    break;
                }
            }
        }
        return matched;
    }

    @Override
    public String describe() {
        return "log /" + pattern.pattern() + "/";
    }
}
