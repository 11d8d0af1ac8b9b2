package dev.tend.daemon.project;

import dev.tend.daemon.core.ProjectSpec;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a project from tend.yaml (or tend.yml) or a Procfile. Loading is all or nothing: the first problem
 * found is thrown with its file and line, and nothing is returned.
 */
public final class ProjectFiles {

    public static final String TEND_YAML = "tend.yaml";
    public static final String TEND_YML = "tend.yml";
    public static final String PROCFILE = "Procfile";
    /** Beside the project file: variables for ${VAR} (not the services' environment), as compose reads it. */
    public static final String DOT_ENV = ".env";
    /** Beside tend.yaml: merged over it when present, as compose merges compose.override.yaml. */
    public static final String OVERRIDE_YAML = "tend.override.yaml";
    public static final String OVERRIDE_YML = "tend.override.yml";
    /** Read when it is the only project file here: process-compose's own names. */
    /** The most a project file may hold (bytes). */
    public static final int MAX_FILE_BYTES = SmallTextFile.MAX_BYTES;
    public static final List<String> PROCESS_COMPOSE = List.of("process-compose.yaml", "process-compose.yml");

    /**
     * A loaded project with what its file said that tend does not honour (only foreign formats have any).
     *
     * @param files every file read, absolute: the project's own first, then what was merged over it
     */
    public record Loaded(ProjectSpec spec, List<String> warnings, List<Path> files) {
        public Loaded {
            warnings = List.copyOf(warnings);
            files = List.copyOf(files);
        }

        Loaded(ProjectSpec spec, List<String> warnings) {
            this(spec, warnings, List.of(spec.file()));
        }
    }

    private ProjectFiles() {
    }

    /**
     * @param dirOrFile a project directory (tend.yaml, else tend.yml, else Procfile is read from it) or the
     *                  file itself (a Procfile if so named, YAML otherwise). Messages name files the way
     *                  this path does, so a relative path gives "tend.yaml:3: ..."
     */
    public static ProjectSpec load(Path dirOrFile) throws ProjectFileException {
        return read(dirOrFile, Map.of()).spec();
    }

    /** As {@link #read(Path, Map)} with no variables: for files without ${VAR}. */
    public static Loaded read(Path dirOrFile) throws ProjectFileException {
        return read(dirOrFile, Map.of());
    }

    /** As {@link #load} with the variables of {@link #read(Path, Map)}. */
    public static ProjectSpec load(Path dirOrFile, Map<String, String> env) throws ProjectFileException {
        return read(dirOrFile, env).spec();
    }

    /** As {@link #read(List, Map)} for one directory or file (and the tend.override.yaml beside it). */
    public static Loaded read(Path dirOrFile, Map<String, String> env) throws ProjectFileException {
        return read(List.of(dirOrFile), env);
    }

    /**
     * Reads a project, with the warnings of a foreign format (process-compose.yaml).
     *
     * @param given the project directory or file, then any files merged over it in order (`tend up -f a -f b`).
     *              One tend.yaml (or tend.yml) alone gets the tend.override.yaml beside it merged, as compose
     *              does; only tend.yaml files merge
     * @param env   the environment `tend up` ran in: with the project's .env (which it overrides) the variables
     *              that ${VAR} in the files may name
     */
    public static Loaded read(List<Path> given, Map<String, String> env) throws ProjectFileException {
        Path file = find(given.get(0));
        ProjectPaths paths = ProjectPaths.of(file);
        List<ProjectPaths> overrides = overrides(file, given.subList(1, given.size()));
        String text = readText(paths);
        if (isProcfile(file)) {
            return new Loaded(ProcfileReader.read(text, paths), List.of());
        }
        Interpolator interpolator = new Interpolator(variables(paths, env));
        YamlNode root = YamlTreeReader.read(paths.shownFile(), text);
        if (isProcessCompose(file) || hasProcessesNotServices(root)) {
            if (!overrides.isEmpty()) {
                throw new ProjectFileException(overrides.get(0).file(), 0, 0, "cannot merge it: only tend.yaml files "
                        + "merge, and " + file.getFileName() + " is a process-compose file (it has processes:)");
            }
            Interpolator pc = interpolator.processCompose();
            List<String> substituted = new ArrayList<>();
            ComposeFileExtends.Merged merged = ComposeFileExtends.resolve(paths,
                    substituteProcessCompose(root, paths, pc, substituted), substituted,
                    (base, warnings) -> substituteProcessCompose(
                            YamlTreeReader.read(base.shownFile(), readText(base)), base, pc, warnings));
            Loaded loaded = ProcessComposeReader.read(merged.tree(), paths, merged.warnings(), merged.origins());
            List<String> warnings = new ArrayList<>(loaded.warnings());
            warnings.addAll(PortClashes.of(loaded.spec()));
            return new Loaded(loaded.spec(), warnings, merged.files());
        }
        YamlMerge merge = new YamlMerge(paths.shownFile());
        merge.add(new Interpolation(interpolator, paths.shownFile()).apply(root, Interpolation.TEND_YAML), paths.shownFile());
        List<Path> files = new ArrayList<>(List.of(paths.file()));
        for (ProjectPaths o : overrides) {
            YamlNode tree = YamlTreeReader.read(o.shownFile(), readText(o));
            merge.add(new Interpolation(interpolator, o.shownFile()).apply(tree, Interpolation.TEND_YAML), o.shownFile());
            files.add(o.file());
        }
        ProjectSpec spec = TendYamlReader.read(merge.tree(), paths, merge::origin);
        List<Path> named = given.size() > 1 ? files.subList(1, files.size()) : List.of();
        return new Loaded(spec.withOverrides(named), PortClashes.of(spec), files);
    }

    /** A registered project read again: its file with the files `tend up -f` merged over it. */
    public static Loaded read(Path file, List<Path> overrides, Map<String, String> env) throws ProjectFileException {
        List<Path> given = new ArrayList<>(List.of(file));
        given.addAll(overrides);
        return read(given, env);
    }

    /** A process-compose file's tree with its variables substituted as process-compose does (unless it opts out). */
    private static YamlNode substituteProcessCompose(YamlNode tree, ProjectPaths paths, Interpolator pc,
                                                     List<String> warnings) throws ProjectFileException {
        if (ProcessComposeReader.disablesEnvExpansion(tree)) {
            return tree;
        }
        Interpolation substitution = new Interpolation(pc, paths.shownFile());
        YamlNode done = substitution.apply(tree, Interpolation.PROCESS_COMPOSE);
        warnings.addAll(substitution.warnings());
        return done;
    }

    /** The files to merge over the first: those given, else the tend.override.yaml beside a tend.yaml. */
    private static List<ProjectPaths> overrides(Path first, List<Path> given) throws ProjectFileException {
        List<Path> files = new ArrayList<>();
        for (Path g : given) {
            Path f = g.normalize();
            if (!Files.isRegularFile(f)) {
                throw new ProjectFileException(f, 0, 0, Files.exists(f) ? "not a regular file" : "no such file");
            }
            files.add(f);
        }
        String name = first.getFileName().toString();
        if (given.isEmpty() && (name.equals(TEND_YAML) || name.equals(TEND_YML))) {
            Path yaml = first.resolveSibling(OVERRIDE_YAML);
            Path yml = first.resolveSibling(OVERRIDE_YML);
            for (Path o : List.of(yaml, yml)) {
                // there, but nothing to read (a link to a file not there): left out, the user's override would
                // silently not apply
                if (Files.exists(o, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(o)) {
                    throw new ProjectFileException(o, 0, 0, "not a regular file (a link to nothing, a directory, a "
                            + "device): it would not be merged; remove it or make it a file");
                }
            }
            if (Files.isRegularFile(yaml) && Files.isRegularFile(yml)) {
                throw new ProjectFileException(yml, 0, 0, "both " + OVERRIDE_YAML + " and " + OVERRIDE_YML
                        + " exist here; remove one");
            }
            if (Files.isRegularFile(yaml)) {
                files.add(yaml);
            } else if (Files.isRegularFile(yml)) {
                files.add(yml);
            }
        }
        List<ProjectPaths> overrides = new ArrayList<>();
        for (Path f : files) {
            Path foreign = isProcfile(first) || isProcessCompose(first) ? first
                    : isProcfile(f) || isProcessCompose(f) ? f : null;
            if (foreign != null) {
                throw new ProjectFileException(f, 0, 0, "cannot merge it: only tend.yaml files merge, and "
                        + foreign.getFileName() + " is a " + (isProcfile(foreign) ? "Procfile" : "process-compose file"));
            }
            overrides.add(ProjectPaths.of(f));
        }
        return overrides;
    }

    /** The project's .env (beside the file, when there is one) under the environment of `tend up`, as compose. */
    private static Map<String, String> variables(ProjectPaths paths, Map<String, String> env)
            throws ProjectFileException {
        Map<String, String> variables = new HashMap<>();
        Path dotEnv = paths.dir().resolve(DOT_ENV);
        if (Files.isRegularFile(dotEnv)) {
            variables.putAll(EnvFile.read(dotEnv, paths.shown(DOT_ENV)));
        }
        variables.putAll(env);
        return variables;
    }

    /** A top-level processes: and no services: is a process-compose file, whatever its name (`-f any.yaml`). */
    private static boolean hasProcessesNotServices(YamlNode root) {
        return root instanceof YamlNode.Mapping m && Values.find(m, "processes") != null
                && Values.find(m, "services") == null;
    }

    private static boolean isProcessCompose(Path file) {
        return file.getFileName().toString().startsWith("process-compose");
    }

    /** "Procfile", or a variant like "Procfile.dev" as foreman users name them. */
    private static boolean isProcfile(Path file) {
        String name = file.getFileName().toString();
        return name.equals(PROCFILE) || name.startsWith(PROCFILE + ".");
    }

    private static Path find(Path dirOrFile) throws ProjectFileException {
        Path given = dirOrFile.normalize();
        if (given.toString().isEmpty()) {
            given = Path.of(".");
        }
        if (Files.isRegularFile(given)) {
            return given;
        }
        if (!Files.isDirectory(given)) {
            throw new ProjectFileException(given, 0, 0, Files.exists(given)
                    ? "not a regular file or directory" : "no such file or directory");
        }
        Path yaml = given.resolve(TEND_YAML);
        Path yml = given.resolve(TEND_YML);
        if (Files.isRegularFile(yaml) && Files.isRegularFile(yml)) {
            throw new ProjectFileException(yml, 0, 0, "both " + TEND_YAML + " and " + TEND_YML
                    + " exist here; remove one");
        }
        for (Path candidate : new Path[] {yaml, yml, given.resolve(PROCFILE)}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        for (String name : PROCESS_COMPOSE) {
            if (Files.isRegularFile(given.resolve(name))) {
                return given.resolve(name);
            }
        }
        for (Path candidate : new Path[] {yaml, yml, given.resolve(PROCFILE)}) {
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) { // there, but nothing to read: said as such
                throw new ProjectFileException(candidate, 0, 0, candidate.getFileName() + " is "
                        + (Files.isDirectory(candidate) ? "a directory, not a file"
                        : !Files.exists(candidate) ? "a link to nothing (or a loop of links)"
                        : "not a regular file (a pipe, a socket or a device)"));
            }
        }
        throw new ProjectFileException(given, 0, 0, "no " + TEND_YAML + ", " + TEND_YML + " or " + PROCFILE
                + " in " + given.toAbsolutePath().normalize() + " (nor a " + PROCESS_COMPOSE.get(0) + ")");
    }

    private static String readText(ProjectPaths paths) throws ProjectFileException {
        try {
            return SmallTextFile.read(paths.file(), "project file");
        } catch (SmallTextFile.TooLargeException e) {
            throw new ProjectFileException(paths.shownFile(), 0, 0, e.getMessage());
        } catch (MalformedInputException e) {
            throw new ProjectFileException(paths.shownFile(), 0, 0, "not valid UTF-8 text");
        } catch (IOException e) {
            throw new ProjectFileException(paths.shownFile(), 0, 0, "cannot read: " + e.getMessage());
        }
    }
}
