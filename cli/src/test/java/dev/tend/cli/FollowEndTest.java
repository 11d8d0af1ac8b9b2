package dev.tend.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FollowEndTest {

    private static Map<String, Object> view(String project, String name) {
        return Map.of("project", project, "name", name);
    }

    private static Map<String, Object> snapshot(List<?> projects, List<?> services) {
        return Map.of("subscription", "s1", "seq", 1, "snapshot", Map.of("projects", projects, "services", services,
                "jobs", List.of()));
    }

    @Test
    void followingServicesByNameEndsOnceTheLastOfThemIsRemovedAndNotAtAStop() {
        FollowEnd end = FollowEnd.of(Map.of("services", List.of("shop/web", "shop/api")), List.of("shop/web", "shop/api"));
        assertTrue(end.canEnd());
        assertNull(end.subscribed(snapshot(List.of(), List.of(view("shop", "web"), view("shop", "api")))));
        assertNull(end.event("service.changed", Map.of("service", Map.of("project", "shop", "name", "web",
                "state", "stopped"))));
        assertNull(end.event("service.removed", view("shop", "web")));
        assertNull(end.event("service.removed", view("other", "api")), "not one of those followed");

        assertEquals("shop/api was removed: nothing left to follow", end.event("service.removed", view("shop", "api")));
    }

    @Test
    void aCopyAddedWhileFollowingAGroupIsFollowedUntilItIsRemovedToo() {
        FollowEnd end = FollowEnd.of(Map.of("services", List.of("shop/api")), List.of("shop/api#1"));
        assertNull(end.event("service.changed", Map.of("service", view("shop", "api#2"))));
        assertNull(end.event("service.removed", view("shop", "api#1")));

        assertEquals("shop/api#2 was removed: nothing left to follow", end.event("service.removed", view("shop", "api#2")));
    }

    @Test
    void aSnapshotWithoutTheFollowedServicesEndsTheFollowRemovedDuringALag() {
        FollowEnd end = FollowEnd.of(Map.of("services", List.of("shop/web", "shop/api")), List.of("shop/web", "shop/api"));

        assertEquals("shop/web, shop/api were removed: nothing left to follow",
                end.subscribed(snapshot(List.of(), List.of())));
    }

    @Test
    void followingAProjectEndsWhenItIsForgottenOrMissingFromTheSnapshot() {
        FollowEnd end = FollowEnd.of(Map.of("project", "shop"), List.of("shop/web"));
        assertNull(end.subscribed(snapshot(List.of(Map.of("name", "shop")), List.of(view("shop", "web")))));
        assertNull(end.event("service.removed", view("shop", "web")), "a project may lose a service and go on");
        assertNull(end.event("project.removed", Map.of("name", "other")));
        assertEquals("project shop was forgotten: nothing left to follow",
                end.event("project.removed", Map.of("name", "shop")));
        assertEquals("project shop was forgotten: nothing left to follow",
                end.subscribed(snapshot(List.of(Map.of("name", "other")), List.of())));
    }

    @Test
    void followingEverythingNeverEnds() {
        FollowEnd end = FollowEnd.of(Map.of(), List.of("shop/web"));
        assertFalse(end.canEnd());
        assertNull(end.subscribed(snapshot(List.of(), List.of())));
        assertNull(end.event("project.removed", Map.of("name", "shop")));
        assertNull(end.event("service.removed", view("shop", "web")));
    }
}
