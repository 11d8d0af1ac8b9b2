package dev.tend.cli;

import dev.tend.protocol.Methods;
import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a job now (by its overlap policy).",
                "With --wait: exit 0 if the run succeeded, 1 if it failed (its exit code or signal is printed); "
                        + "tend's own errors keep their codes (2 usage, 3 not found, 4 daemon unavailable). "
                        + "--exit-code passes the job's own exit code through instead."})
final class JobRunCommand extends TendSubcommand {
    @Mixin
    JobRef job;

    @Option(names = "--wait", description = "Wait until the run ends: exit 0 if it succeeded, 1 if not.")
    boolean await;

    @Option(names = "--exit-code", description = "Wait until the run ends and exit with the job's own exit code "
            + "(128+N if signal N ended it; 1 if it could not start), which may collide with tend's own codes.")
    boolean passExitCode;

    @Option(names = "--json", description = "The run as a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        boolean wait = await || passExitCode; // the job's exit code is known only once the run ends
        Map<String, Object> params = job.params();
        params.put("wait", wait);
        Map<String, Object> r = call(Methods.JOB_RUN, params);
        String name = r.get("project") + "/" + r.get("job");
        Map<String, Object> run = r.get("run") == null ? null : JsonObjects.object(r.get("run"));
        if (json) {
            out().println(Json.write(r));
        } else if (run == null) {
            info(name + ": queued behind the run under way");
        } else if (wait) {
            info(name + ": run " + run.get("id") + " " + JobsTable.result(run)
                    + (run.get("reason") != null && !"succeeded".equals(run.get("outcome")) ? " (" + run.get("reason") + ")" : "")
                    + " (`tend job logs " + job.ref + " --run " + run.get("id") + "`)");
        } else {
            info(name + ": run " + run.get("id") + " " + ("running".equals(run.get("outcome")) ? "started, pid " + run.get("pid")
                    : JobsTable.result(run) + (run.get("reason") != null ? " (" + run.get("reason") + ")" : "")));
        }
        if (!wait || run == null) {
            return ExitCode.OK;
        }
        return passExitCode ? jobExitCode(run) : "succeeded".equals(run.get("outcome")) ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The run's exit code; 128+N for signal N as shells report it; 1 if it never started. */
    static int jobExitCode(Map<String, Object> run) {
        Long code = JsonObjects.numberOrNull(run, "exitCode");
        if (code != null) {
            return code.intValue();
        }
        String signal = JsonObjects.string(run, "signal");
        if (signal == null) {
            return ExitCode.FAILED;
        }
        return switch (signal) {
            case "SIGHUP" -> 129;
            case "SIGINT" -> 130;
            case "SIGQUIT" -> 131;
            case "SIGABRT" -> 134;
            case "SIGKILL" -> 137;
            case "SIGSEGV" -> 139;
            case "SIGPIPE" -> 141;
            case "SIGALRM" -> 142;
            case "SIGTERM" -> 143;
            default -> ExitCode.FAILED;
        };
    }
}
