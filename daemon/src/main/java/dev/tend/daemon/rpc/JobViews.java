package dev.tend.daemon.rpc;

import dev.tend.daemon.core.jobs.JobRun;
import dev.tend.daemon.core.jobs.JobSnapshot;
import dev.tend.daemon.core.time.Durations;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Jobs and their runs as wire objects: JobView as in the events contract, with a few more fields. */
final class JobViews {
    private JobViews() {
    }

    static Map<String, Object> job(JobSnapshot j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", j.project());
        m.put("name", j.name());
        m.put("schedule", j.spec().schedule());
        m.put("timezone", j.spec().timezone().getId());
        m.put("overlap", j.spec().overlap().name().toLowerCase(Locale.ROOT));
        m.put("state", j.state());
        m.put("nextRun", WireTime.of(j.nextRun()));
        m.put("lastRun", j.lastRun() == null ? null : run(j.lastRun()));
        m.put("command", j.spec().command());
        m.put("timeout", j.spec().timeout() == null ? null : Durations.format(j.spec().timeout()));
        m.put("catchUp", j.spec().catchUp());
        m.put("running", j.running());
        m.put("queued", j.queued());
        m.put("paused", j.paused());
        return m;
    }

    static Map<String, Object> run(JobRun r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("trigger", r.trigger().wireName());
        m.put("scheduledFor", WireTime.of(r.scheduledFor()));
        m.put("startedAt", WireTime.of(r.startedAt()));
        m.put("endedAt", WireTime.of(r.endedAt()));
        m.put("exitCode", r.exitCode());
        m.put("signal", r.signal());
        m.put("outcome", r.outcome().wireName());
        m.put("durationMs", r.duration() == null ? null : r.duration().toMillis());
        m.put("pid", r.pid() == 0 ? null : r.pid());
        m.put("reason", r.reason());
        return m;
    }
}
