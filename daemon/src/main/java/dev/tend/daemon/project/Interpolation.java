package dev.tend.daemon.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;

/**
 * Applies an {@link Interpolator} to the values of a YAML tree where a file may use variables (command, cwd, env
 * values, probe targets, env_file paths), before the tree is read; a value elsewhere, or of another shape, is left
 * for the reader to judge. An unset variable fails with the file and line of the value that names it.
 */
final class Interpolation {

    /** Where tend.yaml substitutes: "*" is any key of a map, "[]" any item of a list. */
    static final List<String> TEND_YAML = List.of("env_file",
            "services.*.command", "services.*.stop_command", "services.*.cwd", "services.*.env_file", "services.*.env.*",
            "services.*.ready.tcp", "services.*.ready.http", "services.*.ready.exec", "services.*.ready.log",
            "services.*.alive.tcp", "services.*.alive.http", "services.*.alive.exec",
            "jobs.*.command", "jobs.*.cwd", "jobs.*.env_file", "jobs.*.env.*");
    /** The same fields in a process-compose.yaml (environment is a list of NAME=value, or a map). */
    static final List<String> PROCESS_COMPOSE = List.of("environment.[]", "environment.*",
            "processes.*.command", "processes.*.shutdown.command", "processes.*.working_dir", "processes.*.environment.[]",
            "processes.*.environment.*", "processes.*.readiness_probe.exec.command",
            "processes.*.readiness_probe.http_get.host", "processes.*.readiness_probe.http_get.port",
            "processes.*.readiness_probe.http_get.path", "processes.*.liveness_probe.exec.command",
            "processes.*.liveness_probe.http_get.host", "processes.*.liveness_probe.http_get.port",
            "processes.*.liveness_probe.http_get.path");

    private final Interpolator interpolator;
    private final Path file;
    /** One per variable and line that process-compose's meaning substituted empty. */
    private final Set<String> warnings = new LinkedHashSet<>();

    /** @param file the file as messages name it */
    Interpolation(Interpolator interpolator, Path file) {
        this.interpolator = interpolator;
        this.file = file;
    }

    /** @return the tree with the values at these paths interpolated (null for an empty file) */
    YamlNode apply(YamlNode root, List<String> paths) throws ProjectFileException {
        if (root == null) {
            return null;
        }
        List<List<String>> split = paths.stream().map(p -> List.of(p.split("\\."))).toList();
        return walk(root, split);
    }

    /** @param paths what remains of each path below this node */
    private YamlNode walk(YamlNode node, List<List<String>> paths) throws ProjectFileException {
        if (paths.stream().anyMatch(List::isEmpty)) {
            return node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.STRING
                    ? new YamlNode.Scalar(substitute(s), s.type(), s.line(), s.column()) : node;
        }
        if (node instanceof YamlNode.Mapping map) {
            List<YamlNode.Entry> entries = new ArrayList<>();
            for (YamlNode.Entry e : map.entries()) {
                List<List<String>> below = below(paths, e.key());
                entries.add(below.isEmpty() ? e : new YamlNode.Entry(e.key(), e.line(), e.column(), walk(e.value(), below)));
            }
            return new YamlNode.Mapping(List.copyOf(entries), map.line(), map.column());
        }
        if (node instanceof YamlNode.Sequence list) {
            List<List<String>> below = below(paths, "[]");
            if (below.isEmpty()) {
                return node;
            }
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : list.items()) {
                items.add(walk(item, below));
            }
            return new YamlNode.Sequence(List.copyOf(items), list.line(), list.column());
        }
        return node;
    }

    /** The rests of the paths whose next step matches this key ("*" matches a map key, "[]" a list item). */
    private static List<List<String>> below(List<List<String>> paths, String key) {
        List<List<String>> below = new ArrayList<>();
        for (List<String> p : paths) {
            String step = p.get(0);
            if (step.equals(key) || (step.equals("*") && !key.equals("[]"))) {
                below.add(p.subList(1, p.size()));
            }
        }
        return below;
    }

    /** What the substitution warns of (only process-compose's meaning warns: tend's refuses). */
    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private String substitute(YamlNode.Scalar s) throws ProjectFileException {
        try {
            return interpolator.interpolate(s.text(), name -> warnings.add(file.getFileName() + ":" + s.line()
                    + ": variable " + name + " is not set: substituted empty, as process-compose does (set it, or "
                    + "write $${" + name + "} to leave it to the shell)"));
        } catch (Interpolator.Problem e) {
            throw new ProjectFileException(file, s.line(), s.column(), e.getMessage());
        }
    }
}
