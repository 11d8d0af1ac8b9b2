package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Map;

@Command(name = "reload", mixinStandardHelpOptions = true,
        description = "Re-read the project file and apply the difference: only changed services restart (a change "
                + "of alive, max_memory, watch or a hook alone applies without a restart); jobs are added, changed and removed as "
                + "the file says.")
final class ReloadCommand extends ProjectAction {
    ReloadCommand() {
        super(Methods.PROJECT_RELOAD, r -> "project " + r.get("project") + ": " + summary(r));
    }

    @Override
    void addParams(Map<String, Object> params) {
        params.put("env", System.getenv());
    }

    /** Services first, then jobs (a daemon without jobs in its answer has none to report). */
    static String summary(Map<String, Object> r) {
        StringBuilder sb = new StringBuilder();
        append(sb, r, "");
        if (r.get("jobs") instanceof Map<?, ?>) {
            append(sb, JsonObjects.object(r.get("jobs")), "job");
        }
        return sb.length() == 0 ? "nothing changed" : sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, Object> diff, String noun) {
        for (String k : List.of("added", "changed", "removed")) {
            List<Object> names = names(diff, k);
            if (!names.isEmpty()) {
                sb.append(sb.length() > 0 ? "; " : "").append(k).append(' ');
                if (!noun.isEmpty()) {
                    sb.append(noun).append(names.size() > 1 ? "s " : " ");
                }
                sb.append(String.join(", ", names.stream().map(String::valueOf).toList()));
            }
        }
    }

    private static List<Object> names(Map<String, Object> diff, String key) {
        return diff.get(key) == null ? List.of() : JsonObjects.array(diff.get(key));
    }
}
