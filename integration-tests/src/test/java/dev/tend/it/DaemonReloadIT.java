package dev.tend.it;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * daemon.reload (what SIGHUP does) re-reads every registered project file and answers, per project, what changed
 * or why its file did not load; RawPeer holds the answer to the served schema.
 */
class DaemonReloadIT {

    private static Map<String, Object> reload(TendHome tend) throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            String answer = peer.exchange("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"daemon.reload\"}");
            return JsonObjects.object(JsonObjects.object(Json.parse(answer)).get("result"));
        }
    }

    private static Map<String, Object> only(Map<String, Object> result) {
        List<Object> projects = JsonObjects.array(result.get("projects"));
        assertEquals(1, projects.size(), () -> Json.write(result));
        return JsonObjects.object(projects.get(0));
    }

    @Test
    void answersPerProjectWhatChangedOrWhyItsFileDidNotLoad() throws Exception {
        try (TendHome tend = new TendHome()) {
            TendProject shop = new TendProject(tend, "shop", """
                    project: shop
                    services:
                      api:
                        command: sleep 600
                    """);
            shop.ok("up", "--wait");
            shop.write("""
                    project: shop
                    services:
                      api:
                        command: sleep 600
                      worker:
                        command: sleep 600
                    jobs:
                      tick:
                        schedule: "@every 1h"
                        command: "true"
                    """);

            Map<String, Object> result = reload(tend);
            assertEquals("reloaded", result.get("settings"), () -> Json.write(result));
            Map<String, Object> shopChanges = only(result);
            assertEquals("shop", shopChanges.get("project"));
            assertEquals(List.of("worker"), shopChanges.get("added"), () -> Json.write(shopChanges));
            assertEquals(List.of("tick"), JsonObjects.object(shopChanges.get("jobs")).get("added"),
                    () -> Json.write(shopChanges));

            shop.write("project: shop\nservices:\n  api:\n    comand: sleep 600\n");
            Map<String, Object> broken = only(reload(tend));
            assertEquals("shop", broken.get("project"));
            assertTrue(String.valueOf(broken.get("error")).contains("comand"), () -> Json.write(broken));
            shop.ok("down");
        }
    }
}
