package dev.tend.daemon.core.watch;

import java.time.Duration;
import java.util.List;

/**
 * `watch: { paths, ignore, debounce }`: restart the service when a file under {@code paths} changes. Paths and
 * ignore patterns are relative to the service's cwd (docs/supervision.md, "Watch and restart").
 *
 * @param paths    directories (watched recursively), files, or globs like {@code config/*.yml}; at least one
 * @param ignore   globs a changed path must not match: one without a {@code /} matches any single name in the path
 *                 ({@code .git}, {@code *.log}), one with a {@code /} the whole relative path ({@code **}{@code /*.log})
 * @param debounce how long the files must stay quiet before the restart: a burst of changes is one restart
 */
public record WatchSpec(List<String> paths, List<String> ignore, Duration debounce) {

    /** Long enough for an editor's save or a `git checkout` to finish, short enough not to be waited for. */
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(500);

    public WatchSpec {
        paths = List.copyOf(paths);
        ignore = List.copyOf(ignore);
        debounce = debounce == null ? DEFAULT_DEBOUNCE : debounce;
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("watch needs at least one path");
        }
        if (debounce.isNegative()) {
            throw new IllegalArgumentException("debounce cannot be negative: " + debounce);
        }
    }
}
