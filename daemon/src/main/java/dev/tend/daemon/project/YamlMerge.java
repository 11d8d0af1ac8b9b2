package dev.tend.daemon.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges an override file's tree into a base tree as docker compose merges compose.override.yaml: maps key by key
 * (recursively), anything else (lists, values, null) replaced by the override's. Remembers which file each node and
 * entry came from, so a reader's complaint about a merged value names the file that wrote it.
 */
final class YamlMerge {

    private final Map<Object, Path> origins = new IdentityHashMap<>();
    private final Path base;
    private YamlNode merged;

    /** @param base the first file as messages name it: what nodes of no other file are blamed on */
    YamlMerge(Path base) {
        this.base = base;
    }

    /** Adds the next file's tree (null for an empty file, which changes nothing). */
    void add(YamlNode tree, Path file) {
        if (tree == null) {
            return;
        }
        remember(tree, file);
        merged = merged == null ? tree : merge(merged, tree);
    }

    /** The merged tree, null if every file was empty. */
    YamlNode tree() {
        return merged;
    }

    /** The file a node or entry of {@link #tree()} came from. */
    Path origin(Object nodeOrEntry) {
        return origins.getOrDefault(nodeOrEntry, base);
    }

    private static YamlNode merge(YamlNode under, YamlNode over) {
        if (!(under instanceof YamlNode.Mapping a) || !(over instanceof YamlNode.Mapping b)) {
            return over;
        }
        List<YamlNode.Entry> entries = new ArrayList<>();
        for (YamlNode.Entry e : a.entries()) {
            YamlNode.Entry o = Values.find(b, e.key());
            if (o == null) {
                entries.add(e);
            } else if (e.value() instanceof YamlNode.Mapping && o.value() instanceof YamlNode.Mapping) {
                entries.add(new YamlNode.Entry(e.key(), e.line(), e.column(), merge(e.value(), o.value())));
            } else {
                entries.add(o); // replaced: the override's key and line
            }
        }
        for (YamlNode.Entry o : b.entries()) {
            if (Values.find(a, o.key()) == null) {
                entries.add(o);
            }
        }
        return new YamlNode.Mapping(List.copyOf(entries), a.line(), a.column());
    }

    private void remember(YamlNode node, Path file) {
        origins.put(node, file);
        if (node instanceof YamlNode.Mapping map) {
            for (YamlNode.Entry e : map.entries()) {
                origins.put(e, file);
                remember(e.value(), file);
            }
        } else if (node instanceof YamlNode.Sequence list) {
            list.items().forEach(item -> remember(item, file));
        }
    }
}
