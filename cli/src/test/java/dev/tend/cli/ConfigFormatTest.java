package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConfigFormatTest {

    @Test
    void printsTheProjectInTheFilesOwnWords() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("URL", "http://db:5432");
        env.put("TOKEN", "***");
        env.put("WORKERS", "4");
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("kind", "http");
        ready.put("target", "http://127.0.0.1:${PORT}/health");
        ready.put("interval", "250ms");
        ready.put("attemptTimeout", "5s");
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("name", "api");
        api.put("command", "serve --port 8080");
        api.put("cwd", "/src/shop");
        api.put("env", env);
        api.put("dependsOn", List.of("db"));
        api.put("ready", ready);
        api.put("port", null);
        api.put("maxRestarts", 10);
        Map<String, Object> db = new LinkedHashMap<>();
        db.put("name", "db");
        db.put("command", "postgres");
        db.put("dependsOn", List.of());
        db.put("ready", null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("project", "shop");
        config.put("dir", "/src/shop");
        config.put("files", List.of("/src/shop/tend.yaml", "/src/shop/tend.override.yaml"));
        config.put("services", List.of(api, db));
        config.put("jobs", List.of());
        config.put("warnings", List.of());

        assertEquals("""
                project: shop
                dir: /src/shop
                files:
                  - /src/shop/tend.yaml
                  - /src/shop/tend.override.yaml
                services:
                  api:
                    command: serve --port 8080
                    cwd: /src/shop
                    env:
                      URL: http://db:5432
                      TOKEN: "***"
                      WORKERS: "4"
                    depends_on: [db]
                    ready: { http: "http://127.0.0.1:${PORT}/health", interval: 250ms, attempt_timeout: 5s }
                    max_restarts: 10
                  db:
                    command: postgres
                """, ConfigFormat.format(config));
    }

    @Test
    void quotesOnlyWhatYamlWouldReadOtherwise() {
        assertEquals("plain text", ConfigFormat.scalar("plain text"));
        assertEquals("\"\"", ConfigFormat.scalar(""));
        assertEquals("\"no\"", ConfigFormat.scalar("no"));
        assertEquals("\"1.5\"", ConfigFormat.scalar("1.5"));
        assertEquals("\"a # b\"", ConfigFormat.scalar("a # b"));
        assertEquals("\"two\\nlines\"", ConfigFormat.scalar("two\nlines"));
        assertEquals("\"*x\"", ConfigFormat.scalar("*x"));
    }
}
