package dev.tend.daemon.hooks;

import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One hook to run: its name for the log ("api/web on_failure"), its shell command, where it runs and the
 * variables it gets on top of the daemon's environment.
 */
record HookCall(String label, String command, Path cwd, Map<String, String> variables) {

    HookCall {
        variables = Map.copyOf(variables);
    }

    /**
     * The hooks a change of a service sets off, in the order they run: the service's own first, then the
     * daemon-wide one.
     *
     * @param spec     the service's spec now, or null if it is gone (then its own hooks are not run)
     * @param onFailed the daemon-wide `hooks.on_failed` command, or null
     * @param home     where the daemon-wide hook runs
     */
    static List<HookCall> of(Set<HookTrigger> fired, ServiceSnapshot service, ServiceSpec spec, String onFailed,
                             Path home) {
        List<HookCall> calls = new ArrayList<>();
        String ref = service.project() + "/" + service.name();
        if (spec != null && fired.contains(HookTrigger.FAILURE) && spec.onFailure() != null) {
            calls.add(new HookCall(ref + " on_failure", spec.onFailure(), spec.cwd(), variables(service, "on_failure")));
        }
        if (spec != null && fired.contains(HookTrigger.READY) && spec.onReady() != null) {
            calls.add(new HookCall(ref + " on_ready", spec.onReady(), spec.cwd(), variables(service, "on_ready")));
        }
        if (fired.contains(HookTrigger.FAILED) && onFailed != null) {
            calls.add(new HookCall(ref + " hooks.on_failed", onFailed, home, variables(service, "on_failed")));
        }
        return calls;
    }

    /** TEND_PROJECT, TEND_SERVICE, TEND_STATE, TEND_RESTARTS, TEND_HOOK and TEND_EXIT_CODE or TEND_SIGNAL. */
    static Map<String, String> variables(ServiceSnapshot s, String hook) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("TEND_PROJECT", s.project());
        v.put("TEND_SERVICE", s.name());
        v.put("TEND_STATE", s.state().wireName());
        v.put("TEND_RESTARTS", Integer.toString(s.restarts()));
        v.put("TEND_HOOK", hook);
        if (hook.equals("on_ready")) {
            return v; // a ready run has not ended: the exit code would be the previous run's
        }
        if (s.exitCode() != null) {
            v.put("TEND_EXIT_CODE", s.exitCode().toString());
        }
        if (s.signal() != null) {
            v.put("TEND_SIGNAL", s.signal());
        }
        if (s.reason() != null) {
            v.put("TEND_REASON", s.reason());
        }
        return v;
    }
}
