package dev.tend.daemon.project;

import dev.tend.daemon.core.watch.WatchRules;
import dev.tend.daemon.core.watch.WatchSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's `watch:` (docs/project-file.md, "Watch and restart"): a map of paths, ignore and debounce, or just the
 * paths (one, or a list). Each path must exist (for a glob, the directory before its first glob character), relative
 * to the service's cwd: a typo would otherwise watch nothing, silently.
 */
final class WatchReader {

    private static final List<String> KEYS = List.of("paths", "ignore", "debounce");

    private final Values values;

    WatchReader(Values values) {
        this.values = values;
    }

    WatchSpec read(YamlNode.Entry entry, Path cwd, String where) throws ProjectFileException {
        String in = where + ": watch";
        YamlNode.Entry pathsEntry = entry;
        List<String> ignore = List.of();
        Duration debounce = WatchSpec.DEFAULT_DEBOUNCE;
        if (entry.value() instanceof YamlNode.Mapping map) {
            values.checkKeys(map, KEYS, "in " + in);
            pathsEntry = Values.find(map, "paths");
            if (pathsEntry == null) {
                throw values.fail(entry, in + " needs paths: the directories, files or globs to watch");
            }
            YamlNode.Entry ignoreEntry = Values.find(map, "ignore");
            ignore = ignoreEntry == null ? List.of() : strings(ignoreEntry, in, "glob patterns");
            for (int i = 0; i < ignore.size(); i++) {
                checkGlob(ignore.get(i), item(ignoreEntry, i), in + " ignore");
            }
            YamlNode.Entry debounceEntry = Values.find(map, "debounce");
            if (debounceEntry != null) {
                debounce = values.duration(debounceEntry, in, false);
            }
        }
        List<String> paths = strings(pathsEntry, in, "paths");
        if (paths.isEmpty()) {
            throw values.fail(pathsEntry.value(), in + " needs at least one path");
        }
        for (int i = 0; i < paths.size(); i++) {
            YamlNode at = item(pathsEntry, i);
            if (WatchRules.firstGlobChar(paths.get(i)) >= 0) {
                checkGlob(paths.get(i), at, in);
            }
            checkExists(paths.get(i), cwd, at, in);
        }
        return new WatchSpec(paths, ignore, debounce);
    }

    private static YamlNode item(YamlNode.Entry entry, int i) {
        return entry.value() instanceof YamlNode.Sequence seq ? seq.items().get(i) : entry.value();
    }

    private void checkGlob(String pattern, YamlNode at, String in) throws ProjectFileException {
        String problem = WatchRules.globProblem(pattern);
        if (problem != null) {
            throw values.fail(at, in + ": " + problem);
        }
    }

    private void checkExists(String path, Path cwd, YamlNode at, String in) throws ProjectFileException {
        int glob = WatchRules.firstGlobChar(path);
        String fixed = glob < 0 ? path : path.substring(0, Math.max(0, path.lastIndexOf('/', glob)));
        Path abs = cwd.resolve(fixed).normalize();
        if (!Files.exists(abs)) {
            throw values.fail(at, in + ": path '" + path + "' does not exist (" + abs + ")");
        }
    }

    /** One string or a list of them. */
    private List<String> strings(YamlNode.Entry entry, String in, String what) throws ProjectFileException {
        YamlNode node = entry.value();
        List<YamlNode> items = node instanceof YamlNode.Sequence seq ? seq.items() : List.of(node);
        List<String> out = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Scalar s && s.text() != null && s.text().isBlank()) {
                throw values.fail(item, in + ": " + entry.key() + " has an empty path; leave it out, or name what to watch");
            }
            if (!(item instanceof YamlNode.Scalar s) || s.text() == null) {
                throw values.fail(item, in + ": " + entry.key() + " must be " + what + " (text, or a list of it), not "
                        + item.description());
            }
            out.add(s.text());
        }
        return out;
    }
}
