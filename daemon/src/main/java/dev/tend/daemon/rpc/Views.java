package dev.tend.daemon.rpc;

import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.Replicas;
import dev.tend.daemon.core.projects.ReloadResult;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceUsage;
import dev.tend.daemon.core.health.AliveStatus;
import dev.tend.daemon.core.StateStore.HistoryRecord;
import dev.tend.daemon.core.jobs.JobChanges;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Core values as wire objects (docs/protocol.md). Field names are the protocol's; states are lowercase words. */
final class Views {
    private Views() {
    }

    static Map<String, Object> service(ServiceSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", s.project());
        m.put("name", s.name());
        m.put("state", s.state().name().toLowerCase(Locale.ROOT));
        m.put("pid", s.pid());
        m.put("restarts", s.restarts());
        m.put("exitCode", s.exitCode());
        m.put("signal", s.signal());
        m.put("startedAt", WireTime.of(s.startedAt()));
        m.put("stateSince", WireTime.of(s.stateSince()));
        m.put("cpuPercent", percent(s.cpuPercent()));
        m.put("rssBytes", s.rssBytes());
        m.put("port", s.port() == 0 ? null : s.port());
        m.put("reason", s.reason());
        m.put("desired", s.desired() ? "running" : "stopped");
        m.put("alive", alive(s.alive()));
        m.put("description", s.labels().description());
        m.put("namespaces", s.labels().namespaces());
        String group = Replicas.groupOf(s.name());
        m.put("group", group);
        m.put("replica", group == null ? null : Replicas.indexOf(s.name()));
        return m;
    }

    /** How a service's liveness checks stand, or null (no liveness probe, or not checking yet). */
    private static Map<String, Object> alive(AliveStatus a) {
        if (a == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("failures", a.failures());
        m.put("allowed", a.allowed());
        m.put("lastError", a.lastError());
        return m;
    }

    /** One entry of service.usage: the fields of a ServiceView that a sample changes. */
    static Map<String, Object> usage(ServiceUsage u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", u.project());
        m.put("name", u.name());
        m.put("cpuPercent", percent(u.cpuPercent()));
        m.put("rssBytes", u.rssBytes());
        return m;
    }

    /**
     * Puts the usage of {@code sampled} into the views of the same process (project, name and pid alike): a
     * snapshot's services come from the event bus, which carries states, not samples, and a ServiceView has its
     * sample wherever it is sent (docs/protocol.md).
     */
    @SuppressWarnings("unchecked")
    static void putUsage(Object views, List<ServiceSnapshot> sampled) {
        for (Object v : (List<Object>) views) {
            Map<String, Object> view = (Map<String, Object>) v;
            for (ServiceSnapshot s : sampled) {
                if (s.pid() != 0 && s.pid() == ((Number) view.get("pid")).longValue()
                        && s.project().equals(view.get("project")) && s.name().equals(view.get("name"))) {
                    view.put("cpuPercent", percent(s.cpuPercent()));
                    view.put("rssBytes", s.rssBytes());
                }
            }
        }
    }

    static List<Map<String, Object>> services(List<ServiceSnapshot> list) {
        return list.stream().map(Views::service).toList();
    }

    static Map<String, Object> project(ProjectInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("dir", p.dir() == null ? null : p.dir().toString());
        m.put("file", p.file() == null ? null : p.file().toString());
        m.put("services", p.services());
        if (p.problem() != null) {
            m.put("problem", p.problem());
        }
        return m;
    }

    static Map<String, Object> reload(ReloadResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("project", r.project());
        m.put("added", r.added());
        m.put("removed", r.removed());
        m.put("changed", r.changed());
        m.put("unchanged", r.unchanged());
        m.put("jobs", jobChanges(r.jobs()));
        return m;
    }

    static Map<String, Object> jobChanges(JobChanges j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", j.added());
        m.put("changed", j.changed());
        m.put("removed", j.removed());
        return m;
    }

    static Map<String, Object> history(HistoryRecord h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", WireTime.of(h.time()));
        m.put("kind", h.kind());
        m.put("pid", h.pid());
        m.put("exitCode", h.exitCode());
        m.put("signal", h.signal());
        m.put("reason", h.reason());
        return m;
    }

    /** CPU use with one decimal, as every view gives it. */
    private static double percent(double cpuPercent) {
        return Math.round(cpuPercent * 10) / 10.0;
    }
}
