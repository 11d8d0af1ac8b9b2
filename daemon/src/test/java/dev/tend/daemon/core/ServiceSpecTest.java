package dev.tend.daemon.core;

import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.process.Signal;
import dev.tend.daemon.core.watch.WatchSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceSpecTest {
    /** Every setting away from its default, each different from the others, so a setting copied into another shows. */
    private static final ServiceSpec FULL = new ServiceSpec("api", "./serve", Path.of("/src/shop"), Map.of("A", "1"),
            List.of(Dependency.ready("db")), new ProbeSpec(ProbeSpec.Kind.HTTP, "http://127.0.0.1:1/",
            Duration.ofMillis(11), Duration.ofMillis(12), Duration.ofMillis(13)), RestartMode.ALWAYS, 7, Signal.INT,
            Duration.ofSeconds(14), true, 0, Duration.ofSeconds(15), "notify failed", "notify ready",
            new Health(null, 1 << 20), new WatchSpec(List.of("src"), List.of(".git"), Duration.ofMillis(16)), false,
            Set.of(0, 3), Duration.ofSeconds(17), new ServiceLabels("the api", List.of("web")), "./drain");

    @Test
    void aBuilderOfASpecBuildsTheSameSpec() {
        assertEquals(FULL, FULL.toBuilder().build());
    }

    @Test
    void eachChangeChangesItsOwnSettingAndNoOther() {
        ServiceSpec port = FULL.withPort(8080);
        assertEquals(8080, port.port());
        assertFalse(port.autoPort(), "a fixed port is not port: auto");
        assertEquals(FULL, port.toBuilder().autoPort(true).port(0).build());
        assertEquals(FULL, FULL.withStopCommand(null).withStopCommand("./drain"));
        assertEquals(FULL, FULL.withRestartDelay(null).withRestartDelay(Duration.ofSeconds(17)));
        assertEquals(FULL, FULL.withAutostart(true).withAutostart(false));
        assertEquals(FULL, FULL.withLabels(ServiceLabels.NONE).withLabels(FULL.labels()));
        assertEquals(FULL, FULL.withSuccessExitCodes(Set.of(0)).withSuccessExitCodes(Set.of(0, 3)));
        assertEquals(FULL, FULL.withDependsOn(List.of()).withDependsOn(FULL.dependsOn()));
        ServiceSpec hooks = FULL.withHooks("a", "b");
        assertEquals("a", hooks.onFailure());
        assertEquals("b", hooks.onReady());
        assertEquals(FULL.ready(), hooks.ready(), "on_ready is not the ready probe");
    }

    @Test
    void aCopyHasItsOwnNameAndNumberAndEverythingElseOfItsService() {
        ServiceSpec copy = FULL.asCopy("api#2", 2);
        assertEquals("api#2", copy.name());
        assertEquals(Map.of("A", "1", Replicas.ENV, "2"), copy.env());
        assertEquals(FULL, copy.toBuilder().name("api").env(FULL.env()).build());
    }

    @Test
    void onlyWhatIsReadFromOutsideTheProcessLeavesTheLaunchTheSame() {
        ServiceSpec outside = FULL.withHealth(Health.NONE).withHooks(null, null).withWatch(null).withAutostart(true)
                .withLabels(ServiceLabels.NONE).withStopCommand(null);
        assertNotEquals(FULL, outside);
        assertTrue(FULL.sameLaunch(outside), "health, hooks, watch, autostart, labels and stop_command restart nothing");
        ServiceSpec policy = FULL.toBuilder().restart(RestartMode.NO).maxRestarts(1).restartDelay(null)
                .successExitCodes(Set.of(0)).stopSignal(Signal.TERM).stopTimeout(Duration.ofSeconds(1)).build();
        assertTrue(FULL.sameLaunch(policy), "how it is restarted and stopped is read when it ends or stops");
        assertFalse(FULL.sameLaunch(FULL.toBuilder().command("./serve --fast").build()));
        assertFalse(FULL.sameLaunch(FULL.withPort(9)));
        assertFalse(FULL.sameLaunch(FULL.toBuilder().env(Map.of()).build()));
        assertFalse(FULL.sameLaunch(FULL.toBuilder().minUptime(Duration.ofSeconds(2)).build()),
                "min_uptime decides when a starting process counts as ready");
        assertFalse(FULL.sameLaunch(null));
    }
}
