package dev.tend.daemon.core.watch;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link WatchSpec} means on disk, without touching it: which directories to watch (and whether below them),
 * and whether a changed path counts. Everything is relative to {@code base}, the service's cwd.
 */
public final class WatchRules {

    /**
     * A directory to watch.
     *
     * @param dir       absolute
     * @param recursive its subdirectories too (a plain directory, or a glob with {@code **})
     * @param only      the changed paths under it that count, or null: all (a glob, or a single file)
     */
    public record Root(Path dir, boolean recursive, PathMatcher only) {
    }

    private final Path base;
    private final List<Root> roots = new ArrayList<>();
    private final List<PathMatcher> ignoreNames = new ArrayList<>();
    private final List<PathMatcher> ignorePaths = new ArrayList<>();

    /** @param isDirectory whether a plain path names a directory (a file is watched through its parent) */
    public WatchRules(Path base, WatchSpec spec, java.util.function.Predicate<Path> isDirectory) {
        this.base = base;
        for (String p : spec.paths()) {
            int glob = firstGlobChar(p);
            if (glob < 0) {
                Path abs = base.resolve(p).normalize();
                if (isDirectory.test(abs)) {
                    roots.add(new Root(abs, true, null));
                } else {
                    Path parent = abs.getParent();
                    roots.add(new Root(parent, false, path -> path.equals(abs)));
                }
            } else {
                int slash = p.lastIndexOf('/', glob);
                Path dir = slash < 0 ? base : base.resolve(p.substring(0, slash)).normalize();
                PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + base.resolve(p).normalize());
                roots.add(new Root(dir, p.indexOf("**") >= 0 || p.indexOf('/', glob) >= 0, m));
            }
        }
        for (String pattern : spec.ignore()) {
            String trimmed = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
            if (trimmed.indexOf('/') < 0) {
                ignoreNames.add(FileSystems.getDefault().getPathMatcher("glob:" + trimmed));
            } else {
                ignorePaths.add(FileSystems.getDefault().getPathMatcher("glob:" + trimmed));
                if (trimmed.startsWith("**/")) { // ** also matches no directory at all: **/*.log matches a.log
                    ignorePaths.add(FileSystems.getDefault().getPathMatcher("glob:" + trimmed.substring(3)));
                }
            }
        }
    }

    /** Why the pattern is no glob the rules could use ("missing ']'"), or null if it is one. */
    public static String globProblem(String pattern) {
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            return null;
        } catch (java.util.regex.PatternSyntaxException e) {
            String why = e.getDescription();
            return "'" + pattern + "' is not a valid glob" + (why == null ? "" : ": " + why.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public List<Root> roots() {
        return List.copyOf(roots);
    }

    /** Whether the path (absolute) is ignored: then a change to it, or below it, does not count. */
    public boolean ignored(Path path) {
        Path rel = path.startsWith(base) ? base.relativize(path) : path;
        for (Path name : rel) {
            for (PathMatcher m : ignoreNames) {
                if (m.matches(name)) {
                    return true;
                }
            }
        }
        for (PathMatcher m : ignorePaths) {
            if (m.matches(rel)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a change to the path (absolute), seen in the root's directory or below it, counts. */
    public boolean counts(Root root, Path path) {
        return !ignored(path) && (root.only() == null || root.only().matches(path));
    }

    /** The index of the first glob character in the text, or -1. */
    public static int firstGlobChar(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
