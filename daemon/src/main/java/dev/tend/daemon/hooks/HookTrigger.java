package dev.tend.daemon.hooks;

import dev.tend.daemon.core.ServiceState;

import java.util.EnumSet;
import java.util.Set;

/** What a change of a service's state sets off (docs/hooks.md). */
enum HookTrigger {
    /** The service's `on_failure`: it entered crashed or failed, or, a task, completed with a non-zero code. */
    FAILURE,
    /** The daemon-wide `hooks.on_failed`: it entered failed. */
    FAILED,
    /** The service's `on_ready`: it entered ready. */
    READY;

    /**
     * The triggers of a change from before to now. A service seen for the first time (before is null: registered,
     * or restored by a fresh daemon with the state it was left in) sets nothing off: a failure of a past daemon's
     * life was told then.
     */
    static Set<HookTrigger> of(ServiceState before, ServiceState now) {
        return of(before, now, null);
    }

    /** As above; a task that completed with a non-zero exit code failed too. */
    static Set<HookTrigger> of(ServiceState before, ServiceState now, Integer exitCode) {
        Set<HookTrigger> fired = EnumSet.noneOf(HookTrigger.class);
        if (before == null || before == now) {
            return fired;
        }
        boolean failedTask = now == ServiceState.COMPLETED && exitCode != null && exitCode != 0;
        if (now == ServiceState.CRASHED || now == ServiceState.FAILED || failedTask) {
            fired.add(FAILURE);
        }
        if (now == ServiceState.FAILED) {
            fired.add(FAILED);
        }
        if (now == ServiceState.READY) {
            fired.add(READY);
        }
        return fired;
    }
}
