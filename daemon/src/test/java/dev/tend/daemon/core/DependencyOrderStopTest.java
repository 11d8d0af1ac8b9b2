package dev.tend.daemon.core;

import static dev.tend.daemon.core.Harness.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Pure: which services stop together and which wait for their dependents, on futures the test completes. */
class DependencyOrderStopTest {

    private final Service db = new Service("p", service("db", "true"), Instant.EPOCH);
    private final Service api = new Service("p", service("api", "true", "db"), Instant.EPOCH);
    private final Service idle = new Service("p", service("idle", "true"), Instant.EPOCH);
    private final Service web = new Service("p", service("web", "true"), Instant.EPOCH);

    private final List<List<String>> groups = new ArrayList<>();
    private final Map<String, CompletableFuture<Void>> stops = new HashMap<>();

    private List<CompletableFuture<Void>> stopGroup(List<Service> group) {
        groups.add(group.stream().map(Service::name).toList());
        return group.stream().map(s -> stops.computeIfAbsent(s.name(), n -> new CompletableFuture<>())).toList();
    }

    @Test
    void whatNothingDependsOnStopsInOneStepAndADependencyAfterItsDependents() {
        CompletableFuture<Void> all = DependencyOrder.stopInOrder(List.of(db, api, idle, web), this::stopGroup,
                Runnable::run);

        assertEquals(List.of(List.of("api", "idle", "web")), groups, "one step for every service without dependents");
        stops.get("idle").complete(null);
        stops.get("web").complete(null);
        assertEquals(1, groups.size(), "db waits for api");

        stops.get("api").complete(null);
        assertEquals(List.of(List.of("api", "idle", "web"), List.of("db")), groups);
        assertFalse(all.isDone());
        stops.get("db").complete(null);
        assertTrue(all.isDone());
    }

    @Test
    void aDependentThatFailedToStopStillLetsItsDependencyStop() {
        DependencyOrder.stopInOrder(List.of(db, api), this::stopGroup, Runnable::run);

        stops.get("api").completeExceptionally(new IllegalStateException("stuck"));

        assertEquals(List.of(List.of("api"), List.of("db")), groups);
    }

    @Test
    void aDependencyOutsideTheSetDoesNotHoldTheSetBack() {
        DependencyOrder.stopInOrder(List.of(db), this::stopGroup, Runnable::run);

        assertEquals(List.of(List.of("db")), groups);
    }
}
