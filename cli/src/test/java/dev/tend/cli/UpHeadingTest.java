package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `tend up` says what it did: "starting" only when something starts. */
class UpHeadingTest {
    private static final Map<String, Object> SHOP = Map.of("project", "shop");

    private static Map<String, Object> service(String state) {
        return Map.of("name", "web", "state", state);
    }

    @Test
    void aServiceThatStartsIsStarting() {
        assertEquals("project shop: starting", UpCommand.heading(SHOP, List.of(service("running"), service("starting")), false));
    }

    @Test
    void everyServiceAlreadyUpIsNothingToStart() {
        assertEquals("project shop: already up, nothing to start",
                UpCommand.heading(SHOP, List.of(service("running"), service("ready")), false));
    }

    @Test
    void aProjectOfJobsOnlyHasNoServicesToStart() {
        assertEquals("project shop: no services to start", UpCommand.heading(SHOP, List.of(), false));
        assertEquals("project shop: no services to start", UpCommand.heading(SHOP, List.of(), true));
    }

    @Test
    void waitedForIsReady() {
        assertEquals("project shop: ready", UpCommand.heading(SHOP, List.of(service("ready")), true));
    }

    @Test
    void aServiceLeftDownIsNotNothingToStart() {
        assertEquals("project shop: starting", UpCommand.heading(SHOP, List.of(service("ready"), service("failed")), false));
    }
}
