package dev.tend.daemon.core;

import dev.tend.daemon.core.process.Signal;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure rules of replicas: copy names, counts (file or kept scale), expansion, and what a scale changes. */
class ReplicasTest {
    private static final Path DIR = Path.of("/srv/shop");

    private static ServiceSpec spec(String name, int port, Dependency... deps) {
        return new ServiceSpec(name, "./" + name, DIR, Map.of("A", "1"), List.of(deps), null, RestartMode.ON_FAILURE,
                10, Signal.TERM, Duration.ofSeconds(10), port == 0, port);
    }

    private static ProjectSpec project(Map<String, Integer> replicas, ServiceSpec... services) {
        Map<String, ServiceSpec> map = new LinkedHashMap<>();
        for (ServiceSpec s : services) {
            map.put(s.name(), s);
        }
        return new ProjectSpec("shop", DIR, DIR.resolve("tend.yaml"), map, Map.of()).withReplicas(replicas);
    }

    private static final Dependency ON_API = new Dependency("api", Dependency.Condition.READY);

    @Test
    void copyNamesCarryTheGroupAndTheNumber() {
        assertEquals("api#2", Replicas.copyName("api", 2));
        assertEquals("api", Replicas.groupOf("api#2"));
        assertEquals(12, Replicas.indexOf("api#12"));
        assertNull(Replicas.groupOf("api"));
        assertEquals(0, Replicas.indexOf("api"));
        assertEquals(List.of("api#1", "api#2", "api#10"), Replicas.copies("api", List.of("api#10", "web", "api#2", "api#1")));
    }

    @Test
    void eachCopyHasItsNameAndNumberAndADependentWaitsForEveryCopy() {
        ProjectSpec raw = project(Map.of("api", 2), spec("api", 0), spec("web", 0, ON_API));
        ProjectSpec expanded = Replicas.expand(raw, Replicas.counts(raw, Map.of()));
        assertEquals(List.of("api#1", "api#2", "web"), List.copyOf(expanded.services().keySet()));
        assertEquals("2", expanded.services().get("api#2").env().get("TEND_REPLICA"));
        assertEquals("1", expanded.services().get("api#2").env().get("A"));
        assertTrue(expanded.services().get("api#1").autoPort(), "each copy gets a port of its own");
        assertEquals(List.of(new Dependency("api#1", Dependency.Condition.READY),
                new Dependency("api#2", Dependency.Condition.READY)), expanded.services().get("web").dependsOn());
    }

    @Test
    void aCopyIsItsServiceInEverySettingButNameAndEnvironment() throws Exception {
        ServiceSpec s = spec("api", 0).withAutostart(false).withRestartDelay(Duration.ofSeconds(3));
        ServiceSpec copy = s.asCopy("api#2", 2).withDependsOn(s.dependsOn());
        // every component, so a setting added to ServiceSpec later cannot be lost by a copy unnoticed
        for (var c : ServiceSpec.class.getRecordComponents()) {
            if (!c.getName().equals("name") && !c.getName().equals("env")) {
                assertEquals(c.getAccessor().invoke(s), c.getAccessor().invoke(copy), c.getName());
            }
        }
    }

    @Test
    void aServiceWithoutReplicasKeepsItsPlainName() {
        ProjectSpec raw = project(Map.of(), spec("api", 0), spec("web", 0, ON_API));
        assertEquals(raw, Replicas.expand(raw, Replicas.counts(raw, Map.of())));
    }

    @Test
    void aKeptScaleHoldsWhileTheFileSaysWhatItSaidThen() {
        ProjectSpec raw = project(Map.of("api", 3), spec("api", 0));
        Map<String, Replicas.Scaled> scaled = Map.of("api", new Replicas.Scaled(5, 3));
        assertEquals(Map.of("api", 5), Replicas.counts(raw, scaled));
        assertEquals(List.of(), Replicas.stale(raw, scaled));

        ProjectSpec edited = project(Map.of("api", 2), spec("api", 0));
        assertEquals(Map.of("api", 2), Replicas.counts(edited, scaled), "the file's new value wins");
        assertEquals(List.of("api"), Replicas.stale(edited, scaled));
    }

    @Test
    void aScaledPlainServiceBecomesAGroupUntilTheFileGivesItReplicas() {
        ProjectSpec raw = project(Map.of(), spec("api", 0));
        Map<String, Replicas.Scaled> scaled = Map.of("api", new Replicas.Scaled(2, 0));
        assertEquals(Map.of("api", 2), Replicas.counts(raw, scaled));
        assertEquals(List.of("api#1", "api#2"),
                List.copyOf(Replicas.expand(raw, Replicas.counts(raw, scaled)).services().keySet()));
        assertEquals(List.of("api"), Replicas.stale(project(Map.of("api", 4), spec("api", 0)), scaled));
        assertEquals(List.of("api"), Replicas.stale(project(Map.of(), spec("web", 0)), scaled), "service gone");
    }

    @Test
    void scaleRefusesZeroTooManyAMissingServiceAndAFixedPort() {
        ProjectSpec raw = project(Map.of(), spec("api", 0), spec("db", 5432));
        SupervisorException zero = assertThrows(SupervisorException.class, () -> Replicas.scale(raw, "shop", "api", 0));
        assertTrue(zero.getMessage().contains("from 1 to 64, not 0"), zero.getMessage());
        assertThrows(SupervisorException.class, () -> Replicas.scale(raw, "shop", "api", 65));
        SupervisorException missing = assertThrows(SupervisorException.class, () -> Replicas.scale(raw, "shop", "nope", 2));
        assertTrue(missing.getMessage().contains("it declares: api, db"), missing.getMessage());
        SupervisorException port = assertThrows(SupervisorException.class, () -> Replicas.scale(raw, "shop", "db", 2));
        assertTrue(port.getMessage().contains("fixed port 5432"), port.getMessage());
        assertEquals(new Replicas.Scaled(1, 0), Replicas.scale(raw, "shop", "db", 1));
    }

    @Test
    void aDependentOfAScaledServiceIsTheSameService() {
        ServiceSpec before = spec("web", 0, new Dependency("api#1", Dependency.Condition.READY));
        ServiceSpec after = spec("web", 0, new Dependency("api#1", Dependency.Condition.READY),
                new Dependency("api#2", Dependency.Condition.READY));
        assertTrue(Replicas.sameButCopies(before, after));
        assertTrue(Replicas.sameButCopies(spec("web", 0, ON_API), after), "a plain api that became a group");
        assertFalse(Replicas.sameButCopies(before, spec("web", 0, new Dependency("api#1", Dependency.Condition.STARTED))));
        assertFalse(Replicas.sameButCopies(before, spec("web", 0)));
    }

    @Test
    void aScaleToNoneIsToldHowToStopAndOneTooLargeIsToldOnlyTheRange() {
        ProjectSpec shop = project(Map.of(), spec("api", 0));
        SupervisorException none = assertThrows(SupervisorException.class, () -> Replicas.scale(shop, "shop", "api", 0));
        assertEquals("replicas must be a whole number from 1 to 64, not 0 (to stop every copy: tend stop api)",
                none.getMessage());
        SupervisorException many = assertThrows(SupervisorException.class,
                () -> Replicas.scale(shop, "shop", "api", 10000));
        assertEquals("replicas must be a whole number from 1 to 64, not 10000", many.getMessage());
    }
}
