package dev.tend.daemon.project;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * process-compose's file-level {@code extends: other.yaml}: the other file (followed in turn if it extends one) is
 * the base, and this file is merged over it as process-compose merges projects: processes and their settings key by
 * key, {@code environment} lists joined (the later file's entries come later, so they win). A base file's processes
 * run in that file's directory unless they name a {@code working_dir}, which is read relative to it. Each file's
 * variables are substituted on its own (its {@code disable_env_expansion} included) before the merge. A missing base
 * or a chain that comes back to a file is refused at the {@code extends} line; a mistake in a base file is reported
 * at that file's line.
 */
final class ComposeFileExtends {

    /** One file of the chain, as read and substituted. */
    private record Link(ProjectPaths paths, YamlNode tree) {
    }

    /** The merged tree and where each of its nodes came from. */
    record Merged(YamlNode tree, Function<Object, Path> origins, List<Path> files, List<String> warnings) {
    }

    /** How a file's text becomes a substituted tree (ProjectFiles reads and substitutes; this only follows). */
    interface FileReader {
        YamlNode read(ProjectPaths paths, List<String> warnings) throws ProjectFileException;
    }

    private ComposeFileExtends() {
    }

    /** @param root the first file's tree, substituted already */
    static Merged resolve(ProjectPaths first, YamlNode root, List<String> warnings, FileReader reader)
            throws ProjectFileException {
        List<Link> chain = new ArrayList<>(List.of(new Link(first, root)));
        List<String> allWarnings = new ArrayList<>(warnings);
        for (Link link = chain.get(0); extendsEntry(link.tree()) != null; ) {
            YamlNode.Entry ext = extendsEntry(link.tree());
            Values values = new Values(link.paths().shownFile());
            String text = values.text(ext, "the top level", "the path of the process-compose file it extends");
            Path base = link.paths().resolve(text, ext.value(), values);
            if (!Files.isRegularFile(base)) {
                throw values.fail(ext, "extends '" + text + "': " + (Files.exists(base) ? "not a regular file"
                        : "no such file (" + base + ")"));
            }
            for (Link seen : chain) {
                if (seen.paths().file().equals(base)) {
                    throw values.fail(ext, "extends cycle: " + String.join(" -> ",
                            chain.stream().map(l -> l.paths().shownFile().toString()).toList()) + " -> "
                            + seen.paths().shownFile());
                }
            }
            ProjectPaths basePaths = new ProjectPaths(link.paths().shown(text), base, base.getParent());
            link = new Link(basePaths, rooted(reader.read(basePaths, allWarnings), basePaths));
            chain.add(link);
        }
        YamlMerge merge = new YamlMerge(first.shownFile());
        List<Path> files = new ArrayList<>();
        YamlNode merged = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Link link = chain.get(i);
            YamlNode tree = i == 0 ? link.tree() : inItsDirectory(link);
            merge.add(merged == null ? tree : joinEnvironments(merged, tree), link.paths().shownFile());
            merged = merge.tree();
            files.add(link.paths().file());
        }
        return new Merged(withoutExtends(merged), merge::origin, files, allWarnings);
    }

    private static YamlNode.Entry extendsEntry(YamlNode tree) {
        return tree instanceof YamlNode.Mapping top ? Values.find(top, "extends") : null;
    }

    /** A base file must be a map too; an empty one is refused, since extending it is a mistake. */
    private static YamlNode rooted(YamlNode tree, ProjectPaths paths) throws ProjectFileException {
        if (!(tree instanceof YamlNode.Mapping)) {
            throw new ProjectFileException(paths.shownFile(), tree == null ? 0 : tree.line(), 0,
                    "an extended process-compose file must be a map with processes:");
        }
        return tree;
    }

    /** The base's processes with their working_dir made absolute against the base's directory. */
    private static YamlNode inItsDirectory(Link link) {
        YamlNode.Mapping top = (YamlNode.Mapping) link.tree();
        return replace(top, "processes", processes -> {
            if (!(processes instanceof YamlNode.Mapping map)) {
                return processes;
            }
            List<YamlNode.Entry> out = new ArrayList<>();
            for (YamlNode.Entry p : map.entries()) {
                out.add(p.value() instanceof YamlNode.Mapping settings
                        ? new YamlNode.Entry(p.key(), p.line(), p.column(), withWorkingDir(settings, link.paths().dir()))
                        : p);
            }
            return new YamlNode.Mapping(out, map.line(), map.column());
        });
    }

    private static YamlNode.Mapping withWorkingDir(YamlNode.Mapping settings, Path dir) {
        YamlNode.Entry wd = Values.find(settings, "working_dir");
        List<YamlNode.Entry> out = new ArrayList<>();
        for (YamlNode.Entry e : settings.entries()) {
            if (e == wd && e.value() instanceof YamlNode.Scalar s) {
                out.add(new YamlNode.Entry(e.key(), e.line(), e.column(), new YamlNode.Scalar(
                        dir.resolve(s.text()).normalize().toString(), s.type(), s.line(), s.column())));
            } else {
                out.add(e);
            }
        }
        if (wd == null) {
            out.add(new YamlNode.Entry("working_dir", settings.line(), settings.column(),
                    new YamlNode.Scalar(dir.toString(), YamlNode.Scalar.Type.STRING, settings.line(), settings.column())));
        }
        return new YamlNode.Mapping(out, settings.line(), settings.column());
    }

    /** The over tree with its environment lists (top level and per process) joined after the under tree's. */
    private static YamlNode joinEnvironments(YamlNode under, YamlNode over) {
        if (!(under instanceof YamlNode.Mapping u) || !(over instanceof YamlNode.Mapping o)) {
            return over;
        }
        YamlNode.Mapping top = joinedEnvironment(u, o);
        YamlNode.Entry underProcesses = Values.find(u, "processes");
        if (underProcesses == null || !(underProcesses.value() instanceof YamlNode.Mapping baseProcs)) {
            return top;
        }
        return replace(top, "processes", processes -> {
            if (!(processes instanceof YamlNode.Mapping map)) {
                return processes;
            }
            List<YamlNode.Entry> out = new ArrayList<>();
            for (YamlNode.Entry p : map.entries()) {
                YamlNode.Entry base = Values.find(baseProcs, p.key());
                out.add(base != null && base.value() instanceof YamlNode.Mapping b && p.value() instanceof YamlNode.Mapping s
                        ? new YamlNode.Entry(p.key(), p.line(), p.column(), joinedEnvironment(b, s)) : p);
            }
            return new YamlNode.Mapping(out, map.line(), map.column());
        });
    }

    private static YamlNode.Mapping joinedEnvironment(YamlNode.Mapping under, YamlNode.Mapping over) {
        YamlNode.Entry base = Values.find(under, "environment");
        YamlNode.Entry own = Values.find(over, "environment");
        if (base == null || own == null) {
            return over;
        }
        YamlNode.Entry joined = ProcessExtends.joined(base, own);
        return replace(over, "environment", v -> joined.value());
    }

    private static YamlNode withoutExtends(YamlNode tree) {
        if (!(tree instanceof YamlNode.Mapping top)) {
            return tree;
        }
        return new YamlNode.Mapping(top.entries().stream().filter(e -> !e.key().equals("extends")).toList(),
                top.line(), top.column());
    }

    /** The map with one key's value replaced (its entry's key and line kept). */
    private static YamlNode.Mapping replace(YamlNode.Mapping map, String key, java.util.function.UnaryOperator<YamlNode> f) {
        List<YamlNode.Entry> out = new ArrayList<>();
        for (YamlNode.Entry e : map.entries()) {
            out.add(e.key().equals(key) ? new YamlNode.Entry(e.key(), e.line(), e.column(), f.apply(e.value())) : e);
        }
        return new YamlNode.Mapping(out, map.line(), map.column());
    }
}
