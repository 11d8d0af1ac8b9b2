package dev.tend.daemon.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * process-compose's process-level {@code extends: other}: the process is the other's settings with its own written
 * over them, key by key, except {@code environment}, whose entries are joined (the extending process's win, as they
 * come later). Chains are followed; a missing or circular base is refused with its line.
 */
final class ProcessExtends {
    private final Values values;
    private final Map<String, YamlNode.Entry> written = new LinkedHashMap<>();
    private final Map<String, YamlNode.Mapping> resolved = new LinkedHashMap<>();

    private ProcessExtends(Values values, YamlNode.Mapping processes) {
        this.values = values;
        for (YamlNode.Entry e : processes.entries()) {
            written.put(e.key(), e);
        }
    }

    /** The processes map with every extends resolved; processes that extend nothing are left as written. */
    static YamlNode.Mapping resolve(Values values, YamlNode.Mapping processes) throws ProjectFileException {
        ProcessExtends x = new ProcessExtends(values, processes);
        List<YamlNode.Entry> out = new ArrayList<>();
        for (YamlNode.Entry e : processes.entries()) {
            YamlNode value = e.value() instanceof YamlNode.Mapping ? x.settings(e.key(), new LinkedHashSet<>()) : e.value();
            // the same entry when nothing changed: a reader finds the file it came from by identity (YamlMerge)
            out.add(value == e.value() ? e : new YamlNode.Entry(e.key(), e.line(), e.column(), value));
        }
        return new YamlNode.Mapping(out, processes.line(), processes.column());
    }

    private YamlNode.Mapping settings(String name, Set<String> seen) throws ProjectFileException {
        YamlNode.Mapping done = resolved.get(name);
        if (done != null) {
            return done;
        }
        YamlNode.Entry entry = written.get(name);
        YamlNode.Mapping own = values.mapping(entry.value(), "process '" + name + "'", "a map of settings (command:, ...)");
        YamlNode.Entry ext = own.entries().stream().filter(e -> e.key().equals("extends")).findFirst().orElse(null);
        if (ext == null) {
            resolved.put(name, own);
            return own;
        }
        String where = "process '" + name + "'";
        String base = values.text(ext, where, "the name of another process");
        if (!written.containsKey(base)) {
            throw values.fail(ext.value(), where + ": extends '" + base + "', which is not a process of this file");
        }
        if (!seen.add(name) || base.equals(name)) {
            throw values.fail(ext.value(), where + ": extends cycle through " + String.join(" -> ", seen) + " -> " + base);
        }
        if (!(written.get(base).value() instanceof YamlNode.Mapping)) {
            throw values.fail(ext.value(), where + ": extends '" + base + "', which has no settings");
        }
        Map<String, YamlNode.Entry> merged = new LinkedHashMap<>();
        for (YamlNode.Entry e : settings(base, seen).entries()) {
            merged.put(e.key(), e);
        }
        for (YamlNode.Entry e : own.entries()) {
            if (e.key().equals("extends")) {
                continue;
            }
            YamlNode.Entry inherited = merged.get(e.key());
            merged.put(e.key(), e.key().equals("environment") && inherited != null ? joined(inherited, e) : e);
        }
        YamlNode.Mapping result = new YamlNode.Mapping(new ArrayList<>(merged.values()), own.line(), own.column());
        resolved.put(name, result);
        return result;
    }

    /** Both environments as one, the base's first; a list and a map are not joined (the process's own wins). */
    static YamlNode.Entry joined(YamlNode.Entry base, YamlNode.Entry own) {
        if (base.value() instanceof YamlNode.Sequence b && own.value() instanceof YamlNode.Sequence o) {
            List<YamlNode> items = new ArrayList<>(b.items());
            items.addAll(o.items());
            return new YamlNode.Entry(own.key(), own.line(), own.column(), new YamlNode.Sequence(items, o.line(), o.column()));
        }
        if (base.value() instanceof YamlNode.Mapping b && own.value() instanceof YamlNode.Mapping o) {
            List<YamlNode.Entry> entries = new ArrayList<>(b.entries());
            entries.addAll(o.entries());
            return new YamlNode.Entry(own.key(), own.line(), own.column(), new YamlNode.Mapping(entries, o.line(), o.column()));
        }
        return own;
    }
}
