package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/protocol.md agrees with the discovery document: it names every method in its table, every notification, and
 * every field of every view in that view's table. A method, notification or field added without its words fails.
 */
class ProtocolDocTest {
    private static final Path DOC = Path.of(System.getProperty("user.dir")).resolve("../docs/protocol.md").normalize();

    @Test
    void theProtocolPageNamesEveryMethodNotificationAndViewField() throws IOException {
        String doc = Files.readString(DOC);
        JsonNode shapes = OpenRpc.shapes(RpcMapper.create());
        List<String> missing = new ArrayList<>();
        shapes.get("results").fieldNames().forEachRemaining(method -> {
            if (!doc.contains("| `" + method + "`") && !doc.contains("/ `" + method + "`")) {
                missing.add("method " + method + " in the Methods table");
            }
        });
        shapes.get("notifications").fieldNames().forEachRemaining(n -> {
            if (!doc.contains("`" + n + " {")) {
                missing.add("notification " + n + " with its params");
            }
        });
        shapes.get("schemas").fields().forEachRemaining(view -> {
            JsonNode properties = view.getValue().get("properties");
            if (properties == null) {
                return;
            }
            int at = doc.indexOf("\n### " + view.getKey() + "\n");
            if (at < 0) {
                missing.add("view " + view.getKey() + " under Views");
                return;
            }
            int end = doc.indexOf("\n#", at + 1);
            String section = doc.substring(at, end < 0 ? doc.length() : end);
            properties.fieldNames().forEachRemaining(field -> {
                if (!section.contains("| `" + field + "`")) {
                    missing.add(view.getKey() + "." + field);
                }
            });
        });
        assertTrue(missing.isEmpty(), DOC + " does not describe: " + missing);
    }
}
