package dev.tend.daemon.rpc;

import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.StateStore;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.export.ComposeExport;
import dev.tend.daemon.export.ExportResult;
import dev.tend.daemon.export.SystemdExport;
import dev.tend.protocol.ErrorCode;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * project.export: the project file read afresh (so what is exported is what the file says now) and
 * translated; the files come back as text and the caller writes them, since it knows where they go.
 */
final class ExportMethods {
    private final Supervisor supervisor;
    private final Function<String, StateStore.ProjectRecord> registered;

    /** @param registered a project as registered: its files are read again in its environment */
    ExportMethods(Supervisor supervisor, Function<String, StateStore.ProjectRecord> registered) {
        this.supervisor = supervisor;
        this.registered = registered;
    }

    /**
     * @param env the client's environment, for a file read by path: its ${VAR}s as `tend up` there would see them (a
     *            registered project is read in the environment it was registered with)
     */
    Map<String, Object> export(String project, String dir, String file, String format, boolean user,
                               Map<String, String> env) {
        ProjectSpec spec = project != null ? registered(project)
                : ProjectMethods.load(dir, file, env == null ? Map.of() : Inputs.env("env", env));
        ExportResult result = switch (format) {
            case "systemd" -> SystemdExport.export(spec, user, ZoneId.systemDefault(),
                    System.getProperty("user.name"));
            case "compose" -> ComposeExport.export(spec);
            default -> throw new RpcException(ErrorCode.INVALID_PARAMS, "unknown format '" + format
                    + "': use systemd or compose");
        };
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", spec.name());
        m.put("format", format);
        m.put("files", result.files().stream().map(f -> {
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("name", f.name());
            described.put("content", f.content());
            if (f.ownerOnly()) {
                described.put("ownerOnly", true);
            }
            return described;
        }).toList());
        m.put("warnings", result.warnings());
        return m;
    }

    private ProjectSpec registered(String project) {
        ProjectInfo info = Refs.requireProject(supervisor.projects(), project);
        if (info.file() == null) {
            throw new RpcException(ErrorCode.CONFLICT, "project " + project + " has no project file to export");
        }
        StateStore.ProjectRecord record = registered.apply(info.name());
        List<String> files = new java.util.ArrayList<>(List.of(info.file().toString()));
        record.overrides().forEach(f -> files.add(f.toString()));
        return ProjectMethods.read(null, files, record.baseEnv()).spec();
    }
}
