package dev.tend.daemon.rpc;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.jobs.JobRun;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.daemon.core.jobs.JobSnapshot;
import dev.tend.daemon.core.jobs.RunLog;
import dev.tend.daemon.core.jobs.RunRequest;
import dev.tend.daemon.core.logs.LogBudget;
import dev.tend.daemon.core.logs.LogPage;
import dev.tend.daemon.core.logs.LogStream;
import dev.tend.daemon.core.time.Durations;
import dev.tend.protocol.ErrorCode;

import dev.tend.protocol.NameRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * job.list / add / remove / run / pause / resume / history / logs. A job is named `name` or `project/name`; a bare name is
 * looked up in the project of the caller's directory, then among ad-hoc jobs, then in every project.
 */
final class JobMethods {
    private final JobScheduler jobs;
    private final Refs refs;

    JobMethods(JobScheduler jobs, Refs refs) {
        this.jobs = jobs;
        this.refs = refs;
    }

    Map<String, Object> list(String project, String dir) {
        String name = project == null && dir == null ? null : refs.project(project, dir);
        return Map.of("jobs", jobs.list(name).stream().map(JobViews::job).toList());
    }

    Map<String, Object> add(String name, String schedule, String command, String cwd, Map<String, String> env,
                            String timezone, String overlap, String timeout, Boolean catchUp) {
        String badName = NameRule.problem("job", name);
        if (badName != null) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, badName);
        }
        Inputs.command(command);
        if (schedule == null || schedule.isBlank()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "no schedule given (e.g. \"0 3 * * *\" or \"@every 10m\")");
        }
        Path dir = cwd == null ? Path.of(System.getProperty("user.home")) : Inputs.absolute("cwd", cwd);
        if (!Files.isDirectory(dir)) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "working directory " + dir + " does not exist");
        }
        JobSpec spec = new JobSpec(name, schedule.strip(), command, dir, Inputs.env("env", env), zone(timezone),
                overlap(overlap), timeout(timeout), Boolean.TRUE.equals(catchUp));
        try {
            return JobViews.job(jobs.add(spec));
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, e.getMessage());
        }
    }

    Map<String, Object> remove(String ref) {
        String name = ref != null && ref.startsWith(JobScheduler.ADHOC + "/") ? ref.substring(JobScheduler.ADHOC.length() + 1) : ref;
        if (name == null || name.isBlank()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "empty name: give a job's name, or project/name");
        }
        if (name.contains("/")) {
            throw new RpcException(ErrorCode.CONFLICT, ref + " belongs to a project file: remove it there and run `tend reload`");
        }
        jobs.remove(name);
        return Map.of("removed", JobScheduler.ADHOC + "/" + name);
    }

    /** Starts a run; with wait, answers when it has ended (its exitCode is the job's). */
    Map<String, Object> run(String ref, String dir, boolean wait) {
        Refs.JobRef r = job(ref, dir);
        RunRequest request = jobs.run(r.project(), r.job());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("project", r.project());
        result.put("job", r.job());
        result.put("queued", request.queued());
        CompletableFuture<JobRun> answer = wait ? request.finished() : request.queued() ? null : request.started();
        result.put("run", answer == null ? null : JobViews.run(CoreCalls.await(answer)));
        return result;
    }

    /** Stops (pause) or restarts (resume) the job's schedule; answers the job as it is now. */
    Map<String, Object> pause(String ref, String dir, boolean pause) {
        Refs.JobRef r = job(ref, dir);
        return JobViews.job(pause ? jobs.pause(r.project(), r.job()) : jobs.resume(r.project(), r.job()));
    }

    Map<String, Object> history(String ref, String dir, Integer limit) {
        Refs.JobRef r = job(ref, dir);
        int n = limit == null ? 50 : limit;
        if (n < 1) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "limit must be at least 1");
        }
        return Map.of("project", r.project(), "job", r.job(),
                "runs", jobs.history(r.project(), r.job(), n).stream().map(JobViews::run).toList());
    }

    /** A run's output in logs.read's shape, a page at a time; the newest run that started unless run names one. */
    Map<String, Object> logs(String ref, String dir, Long run, Integer tail, String stream, String after, String before) {
        Refs.JobRef r = job(ref, dir);
        RunLog runLog = jobs.runLog(r.project(), r.job(), run);
        LogStream only = LogMethods.stream(stream);
        try {
            // A run just starting has no file yet (the core reports pruned logs): an empty page.
            LogPage page = LogMethods.page(runLog.file(), tail, null, null, only, after, before,
                    LogBudget.forJob(r.project(), r.job()));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("project", r.project());
            result.put("job", r.job());
            result.put("run", JobViews.run(runLog.run()));
            result.put("lines", LogLinesJson.array(r.project(), r.job(), r.job(), page.lines()));
            LogMethods.putPosition(result, page);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Refs.JobRef job(String ref, String dir) {
        return refs.job(ref, dir, jobs.list(null));
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "unknown timezone '" + timezone + "' (e.g. Europe/Berlin, UTC)");
        }
    }

    private static JobSpec.Overlap overlap(String overlap) {
        if (overlap == null) {
            return JobSpec.Overlap.SKIP;
        }
        return switch (overlap.toLowerCase(Locale.ROOT)) {
            case "skip" -> JobSpec.Overlap.SKIP;
            case "queue" -> JobSpec.Overlap.QUEUE;
            case "allow" -> JobSpec.Overlap.ALLOW;
            default -> throw new RpcException(ErrorCode.INVALID_PARAMS, "unknown overlap policy '" + overlap
                    + "': use skip, queue or allow");
        };
    }

    private static Duration timeout(String timeout) {
        if (timeout == null) {
            return null;
        }
        try {
            Duration d = Durations.parse(timeout);
            if (d.isZero()) {
                throw new IllegalArgumentException("timeout must be more than zero");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "bad timeout: " + e.getMessage());
        }
    }
}
