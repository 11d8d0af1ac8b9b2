package dev.tend.daemon.hooks;

import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.ServiceState;
import dev.tend.daemon.core.process.Signal;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class HookCallTest {
    private static final Path CWD = Path.of("/srv/shop");
    private static final Path HOME = Path.of("/home/me");

    private static ServiceSpec spec(String onFailure, String onReady) {
        return new ServiceSpec("api", "./api", CWD, Map.of(), List.of(), null, RestartMode.ON_FAILURE, 3,
                Signal.TERM, Duration.ofSeconds(10), false, 0, Duration.ofSeconds(1), onFailure, onReady);
    }

    private static ServiceSnapshot snapshot(ServiceState state, Integer code, String signal, int restarts) {
        return new ServiceSnapshot("shop", "api", state, 0, restarts, code, signal, Instant.EPOCH, Instant.EPOCH, 0, 0,
                0, "exit code 3", true);
    }

    @Test
    void aCrashRunsTheServicesOnFailureInItsDirectoryWithWhatHappened() {
        List<HookCall> calls = HookCall.of(Set.of(HookTrigger.FAILURE), snapshot(ServiceState.CRASHED, 3, null, 2),
                spec("./alert", null), "notify-send", HOME);
        assertEquals(1, calls.size());
        HookCall c = calls.get(0);
        assertEquals("./alert", c.command());
        assertEquals(CWD, c.cwd());
        assertEquals("shop/api on_failure", c.label());
        assertEquals(Map.of("TEND_PROJECT", "shop", "TEND_SERVICE", "api", "TEND_STATE", "crashed",
                "TEND_RESTARTS", "2", "TEND_EXIT_CODE", "3", "TEND_HOOK", "on_failure", "TEND_REASON", "exit code 3"),
                c.variables());
    }

    @Test
    void aKillBySignalGivesTheSignalAndNoExitCode() {
        Map<String, String> v = HookCall.variables(snapshot(ServiceState.CRASHED, null, "SIGKILL", 0), "on_failure");
        assertEquals("SIGKILL", v.get("TEND_SIGNAL"));
        assertFalse(v.containsKey("TEND_EXIT_CODE"));
    }

    @Test
    void failedRunsTheServicesHookThenTheDaemonWideOneInTheHomeDirectory() {
        List<HookCall> calls = HookCall.of(Set.of(HookTrigger.FAILURE, HookTrigger.FAILED),
                snapshot(ServiceState.FAILED, 1, null, 3), spec("./alert", null), "notify-send x", HOME);
        assertEquals(List.of("./alert", "notify-send x"), calls.stream().map(HookCall::command).toList());
        assertEquals(HOME, calls.get(1).cwd());
        assertEquals("on_failed", calls.get(1).variables().get("TEND_HOOK"));
    }

    @Test
    void readyRunsOnReadyWithoutThePreviousRunsExitCode() {
        List<HookCall> calls = HookCall.of(Set.of(HookTrigger.READY), snapshot(ServiceState.READY, 1, null, 1),
                spec("./alert", "./warm-cache"), null, HOME);
        assertEquals(List.of("./warm-cache"), calls.stream().map(HookCall::command).toList());
        assertFalse(calls.get(0).variables().containsKey("TEND_EXIT_CODE"));
    }

    @Test
    void aServiceWithoutHooksOrAGoneOneRunsOnlyTheDaemonWideHook() {
        assertEquals(List.of(), HookCall.of(Set.of(HookTrigger.FAILURE), snapshot(ServiceState.CRASHED, 1, null, 0),
                spec(null, null), "notify-send", HOME));
        assertEquals(List.of("notify-send"), HookCall.of(Set.of(HookTrigger.FAILURE, HookTrigger.FAILED),
                snapshot(ServiceState.FAILED, 1, null, 0), null, "notify-send", HOME).stream()
                .map(HookCall::command).toList());
    }
}
