package dev.tend.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * down / reload / forget: one call about a registered project (-p NAME, -f FILE, else this directory's), its answer
 * as a line for people or, with --json, as it is.
 */
abstract class ProjectAction extends TendSubcommand {
    @Mixin
    ProjectOptions scope;

    @Option(names = "--json", description = "Print the daemon's answer as one JSON object (docs/protocol.md has "
            + "its members).")
    boolean json;

    private final String method;
    /** The answer as the line people read. */
    private final Function<Map<String, Object>, String> said;

    ProjectAction(String method, Function<Map<String, Object>, String> said) {
        this.method = method;
        this.said = said;
    }

    /** What the call takes besides the project. */
    abstract void addParams(Map<String, Object> params);

    /** Whether the call stops services, and so may wait for one that ignores its stop signal. */
    boolean stops() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = scope.params();
        addParams(params);
        Map<String, Object> answer;
        try (SlowStop notice = stops() ? SlowStop.watch(this::stillStopping, err()) : null) {
            answer = call(method, params);
        }
        printAnswer(json, answer, said);
        return ExitCode.OK;
    }

    private List<String> stillStopping() {
        return stopping(List.of(scope.params()));
    }
}
