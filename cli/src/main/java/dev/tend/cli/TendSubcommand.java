package dev.tend.cli;

import dev.tend.client.DaemonConnector;
import dev.tend.client.DaemonUnavailableException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.tend.client.RpcClient;
import dev.tend.client.RpcError;
import dev.tend.protocol.ErrorCode;
import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** What every command shares: its writers, the global options, and the way to the daemon. */
abstract class TendSubcommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    TendCommand root() {
        return (TendCommand) spec.root().userObject();
    }

    DaemonConnector.Connection connect() throws DaemonUnavailableException {
        DaemonConnector.Connection c = DaemonAccess.connect(root());
        // What the daemon's start did that the user must know (a damaged database set aside): said once, here.
        if (c.hello().get("notices") instanceof List<?> notices) {
            notices.forEach(n -> err().println("tend: warning: " + n));
            err().flush();
        }
        return c;
    }

    /** One call on a fresh connection; the result as a JSON object. */
    Map<String, Object> call(String method, Map<String, ?> params) throws Exception {
        try (RpcClient client = connect().client()) {
            return JsonObjects.object(client.call(method, params));
        }
    }

    /** The services of service.list answers to these params that are stopping now, by name (for {@link SlowStop}). */
    List<String> stopping(List<Map<String, Object>> lists) {
        List<String> names = new java.util.ArrayList<>();
        try (RpcClient client = DaemonAccess.connect(root()).client()) { // the hello's notices were said already
            for (Map<String, Object> params : lists) {
                JsonObjects.array(JsonObjects.object(client.call(Methods.SERVICE_LIST, params)).get("services"))
                        .stream().map(JsonObjects::object).filter(s -> "stopping".equals(s.get("state")))
                        .map(s -> String.valueOf(s.get("name"))).filter(n -> !names.contains(n)).forEach(names::add);
            }
        } catch (Exception e) {
            return List.of(); // the daemon is busy or gone: the command's own answer says what matters
        }
        return names;
    }

    /**
     * The same call for each of several REFs, on one connection, every REF tried: each answer goes to
     * {@code answered}; a refusal is printed as "tend: REF: why" and the others still run (README, exit codes).
     *
     * @return the command's exit code: OK, or that of the first refusal
     */
    int eachRef(String method, List<String> refs, Function<String, Map<String, ?>> params,
                BiConsumer<String, Object> answered) throws Exception {
        int exit = ExitCode.OK;
        try (RpcClient client = connect().client()) {
            for (String ref : refs) {
                try {
                    answered.accept(ref, client.call(method, params.apply(ref)));
                } catch (RpcError e) {
                    CliException c = Errors.map(e);
                    err().println("tend: " + (ref.isBlank() ? "'" + ref + "'" : ref) + ": " + c.getMessage());
                    exit = exit == ExitCode.OK ? c.exitCode() : exit;
                }
            }
        }
        return exit;
    }

    /**
     * The named project, else the project of the file's directory (as `up -f FILE` registered it), else that of
     * the working directory, as request params.
     */
    static Map<String, Object> projectScope(String project, Path file) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (project != null) {
            params.put("project", project);
        } else if (file != null) {
            Path dir = file.toAbsolutePath().normalize().getParent();
            params.put("dir", dir != null ? dir.toString() : cwd());
        } else {
            params.put("dir", cwd());
        }
        return params;
    }

    /** A list call's result, and whether it covers every project. */
    record Scoped(Map<String, Object> result, boolean everything) {
    }

    /**
     * A list of this directory's project, or of every project with --all. Where no project is registered for
     * the directory, people get every project with a note on stderr; scripts (--json) get the not-found error.
     */
    Scoped callHereOrAll(String method, boolean all, boolean json, String allCommand) throws Exception {
        if (all) {
            return new Scoped(call(method, Map.of()), true);
        }
        if (cwdGone() && !json) {
            err().println("tend: the current directory " + cwdProblem() + "; showing every project (" + allCommand + ")");
            return new Scoped(call(method, Map.of()), true);
        }
        try {
            return new Scoped(call(method, Map.of("dir", cwd())), false);
        } catch (RpcError e) {
            if (e.errorCode() != ErrorCode.NOT_FOUND || json) {
                throw e;
            }
            err().println("tend: no project is registered for this directory; showing every project (" + allCommand + ")");
            return new Scoped(call(method, Map.of()), true);
        }
    }

    /** The params naming a service or job: the name as given, and the directory whose project a bare name is of. */
    static Map<String, Object> refParams(String ref) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ref", ref);
        if (!(cwdGone() && ref.contains("/"))) { // project/name needs no directory, a bare name does
            params.put("dir", cwd());
        }
        return params;
    }

    /** The working directory the user ran tend in: it picks the project. */
    static String cwd() {
        if (cwdGone()) {
            throw new CliException(ExitCode.USAGE, "the current directory " + cwdProblem()
                    + ("too-long".equals(System.getProperty("tend.cwd.gone")) ? ": cd to a shorter one"
                    : " (deleted or moved): cd to one that does"));
        }
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize().toString();
    }

    /**
     * An -n the daemon would refuse in its parameter's words (limit, tail): refused here in the option's.
     *
     * @param least 0 where 0 means every line, else 1
     */
    static int lines(int n, int least) {
        if (n < least) {
            throw new CliException(ExitCode.USAGE, "-n/--lines must be " + (least == 0 ? "0 (every line) or more"
                    : "at least " + least) + ", got " + n);
        }
        return n;
    }

    /**
     * bin/tend found the working directory deleted (or moved away) under the shell, or its path too long for a
     * program to use, and runs from / instead.
     */
    static boolean cwdGone() {
        return System.getProperty("tend.cwd.gone") != null;
    }

    /** What is wrong with the working directory, after "the current directory". */
    private static String cwdProblem() {
        if ("too-long".equals(System.getProperty("tend.cwd.gone"))) {
            return "has a path longer than programs can use (4096 bytes)";
        }
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize() + " no longer exists";
    }

    /** A command's one answer: as it is with --json (for scripts), else as the line people read (unless -q). */
    void printAnswer(boolean json, Map<String, Object> answer, Function<Map<String, Object>, String> said) {
        if (json) {
            out().println(Json.write(answer));
        } else {
            info(said.apply(answer));
        }
    }

    /** Prints an informational line unless -q. */
    void info(String line) {
        if (!root().quiet) {
            out().println(line);
        }
    }
}
