package dev.tend.daemon.rpc;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.Names;
import dev.tend.daemon.core.jobs.JobRun;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.daemon.core.jobs.JobSnapshot;
import dev.tend.daemon.core.logs.LogBudget;
import dev.tend.daemon.core.logs.LogPage;
import dev.tend.daemon.core.logs.LogStream;
import dev.tend.daemon.project.Durations;
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
import java.util.List;
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

    record JobRef(String project, String job) {
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
        Path dir = cwd == null ? Path.of(System.getProperty("user.home")) : Inputs.path("cwd", cwd);
        if (!Files.isDirectory(dir)) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "working directory " + dir + " does not exist");
        }
        JobSpec spec = new JobSpec(name, schedule.strip(), command, dir, Inputs.env("env", env), zone(timezone),
                overlap(overlap), timeout(timeout), Boolean.TRUE.equals(catchUp));
        try {
            return JobViews.job(jobs.add(spec));
        } catch (IllegalArgumentException e) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, e.getMessage());
        } catch (RuntimeException e) {
            throw CoreCalls.translate(e);
        }
    }

    Map<String, Object> remove(String ref) {
        String name = ref != null && ref.startsWith(JobScheduler.ADHOC + "/") ? ref.substring(JobScheduler.ADHOC.length() + 1) : ref;
        if (name == null || name.isBlank()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "no job named");
        }
        if (name.contains("/")) {
            throw new RpcException(ErrorCode.CONFLICT, ref + " belongs to a project file: remove it there and run `tend reload`");
        }
        try {
            jobs.remove(name);
        } catch (RuntimeException e) {
            throw CoreCalls.translate(e);
        }
        return Map.of("removed", JobScheduler.ADHOC + "/" + name);
    }

    /** Starts a run; with wait, answers when it has ended (its exitCode is the job's). */
    Map<String, Object> run(String ref, String dir, boolean wait) {
        JobRef r = job(ref, dir);
        JobScheduler.RunRequest request;
        try {
            request = jobs.run(r.project(), r.job());
        } catch (RuntimeException e) {
            throw CoreCalls.translate(e);
        }
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
        JobRef r = job(ref, dir);
        try {
            return JobViews.job(pause ? jobs.pause(r.project(), r.job()) : jobs.resume(r.project(), r.job()));
        } catch (RuntimeException e) {
            throw CoreCalls.translate(e);
        }
    }

    Map<String, Object> history(String ref, String dir, Integer limit) {
        JobRef r = job(ref, dir);
        int n = limit == null ? 50 : limit;
        if (n < 1) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "limit must be at least 1");
        }
        try {
            return Map.of("project", r.project(), "job", r.job(),
                    "runs", jobs.history(r.project(), r.job(), n).stream().map(JobViews::run).toList());
        } catch (RuntimeException e) {
            throw CoreCalls.translate(e);
        }
    }

    /** A run's output in logs.read's shape, a page at a time; the newest run that started unless run names one. */
    Map<String, Object> logs(String ref, String dir, Long run, Integer tail, String stream, String after, String before) {
        JobRef r = job(ref, dir);
        JobScheduler.RunLog runLog;
        try {
            runLog = jobs.runLog(r.project(), r.job(), run);
        } catch (RuntimeException e) {
            throw CoreCalls.translate(e);
        }
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

    JobRef job(String ref, String dir) {
        if (ref == null || ref.isBlank()) {
            throw new RpcException(ErrorCode.INVALID_PARAMS, "no job named");
        }
        List<JobSnapshot> all = jobs.list(null);
        int slash = ref.indexOf('/');
        if (slash >= 0) {
            JobRef r = new JobRef(ref.substring(0, slash), ref.substring(slash + 1));
            if (all.stream().noneMatch(j -> j.project().equals(r.project()) && j.name().equals(r.job()))) {
                List<String> theirs = all.stream().filter(j -> j.project().equals(r.project())).map(JobSnapshot::name).toList();
                String suggestion = Names.didYouMean(r.job(), theirs);
                throw new RpcException(ErrorCode.NOT_FOUND, "no job " + ref
                        + (suggestion.isEmpty() ? " (see `tend jobs --all`)" : suggestion));
            }
            return r;
        }
        String here = null;
        if (dir != null) {
            try {
                here = refs.project(null, dir);
            } catch (RpcException notAProjectDir) {
                // look further
            }
        }
        String project = here;
        if (project != null && all.stream().anyMatch(j -> j.project().equals(project) && j.name().equals(ref))) {
            return new JobRef(project, ref);
        }
        List<JobSnapshot> named = all.stream().filter(j -> j.name().equals(ref)).toList();
        for (JobSnapshot j : named) {
            if (j.project().equals(JobScheduler.ADHOC)) {
                return new JobRef(JobScheduler.ADHOC, ref);
            }
        }
        if (named.size() == 1) {
            return new JobRef(named.get(0).project(), ref);
        }
        if (named.isEmpty()) {
            // a typo is most likely one of the jobs of the project the user stands in
            List<String> near = all.stream().filter(j -> project == null || j.project().equals(project))
                    .map(JobSnapshot::name).distinct().toList();
            String suggestion = Names.didYouMean(ref, near);
            throw new RpcException(ErrorCode.NOT_FOUND, "no job named '" + ref + "'"
                    + (dir != null ? " in the project of " + dir : "")
                    + (suggestion.isEmpty() ? " (see `tend jobs --all`)" : suggestion));
        }
        throw new RpcException(ErrorCode.NOT_FOUND, "'" + ref + "' is ambiguous: it is a job of "
                + String.join(", ", named.stream().map(JobSnapshot::project).toList()) + "; write project/" + ref);
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
