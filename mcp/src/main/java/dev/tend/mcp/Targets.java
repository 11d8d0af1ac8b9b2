package dev.tend.mcp;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a tool call names what it acts on, as the daemon's params: a service or job as `name` (looked up in the
 * project of the directory the server was started in, as the CLI does with its working directory), as
 * `project/name`, or as `name` with a `project` argument.
 */
final class Targets {
    static final String PROJECT_HELP = "The project it belongs to; leave out for the project of the directory "
            + "the agent runs in (or write the name as project/name).";

    private final String dir;

    Targets(String dir) {
        this.dir = dir;
    }

    /** {ref, dir} for the thing named by argument {@code key} (service or job). */
    Map<String, Object> ref(Args args, String key) {
        String name = args.required(key);
        String project = args.string("project");
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ref", project != null && !name.contains("/") ? project + "/" + name : name);
        p.put("dir", dir);
        return p;
    }

    /** {project} when the call names one, else {dir}: the project of the agent's directory. */
    Map<String, Object> project(Args args) {
        Map<String, Object> p = new LinkedHashMap<>();
        String project = args.string("project");
        String d = args.string("dir");
        if (project != null) {
            p.put("project", project);
        } else {
            p.put("dir", d != null ? against(d) : dir);
        }
        return p;
    }

    String dir() {
        return dir;
    }

    /**
     * A directory an agent names, relative to the directory the agent runs in (the daemon refuses a relative one:
     * its own working directory means nothing to the caller).
     */
    String against(String d) {
        try {
            return Path.of(dir).resolve(d).normalize().toString();
        } catch (InvalidPathException e) {
            return d; // the daemon says what is wrong with it
        }
    }
}
