package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static dev.tend.it.TendProject.alive;
import static dev.tend.it.TendProject.pid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tend.override.yaml beside tend.yaml, and `tend up -f base.yaml -f local.yaml`, merge as compose does; reload reads
 * every file again; an error names the file that has it (docs/project-file.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverrideFilesIT {
    private static final String BASE = """
            project: merged
            services:
              web:
                command: sleep 1000
                env: { LEVEL: info, REGION: eu }
              db:
                command: sleep 1000
            """;

    private TendHome tend;

    @BeforeAll
    void home() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    @Test
    void theOverrideBesideTendYamlIsMergedAndItsErrorsNameIt() throws Exception {
        TendProject p = new TendProject(tend, "auto", BASE.replace("merged", "auto"));
        Files.writeString(p.file("tend.override.yaml"), """
                services:
                  web:
                    env: { LEVEL: debug }
                  cache:
                    command: sleep 1000
                """);
        p.ok("up", "--wait");
        assertEquals(List.of("cache", "db", "web"), p.ps().stream().map(s -> s.get("name").toString()).sorted().toList());
        String config = p.ok("config").out();
        assertTrue(config.contains("LEVEL: debug") && config.contains("REGION: eu"), config);
        assertTrue(config.contains("  - " + p.file("tend.override.yaml")), config);

        long web = pid(p.awaitState("web", "ready"));
        Files.writeString(p.file("tend.override.yaml"), "services:\n  web:\n    restart: sometimes\n");
        TendHome.Result r = p.tend("reload");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(p.file("tend.override.yaml") + ":3: "), r.toString());
        assertEquals(web, pid(p.awaitState("web", "ready")), "a refused reload changes nothing");
        p.ok("down");
    }

    @Test
    void explicitFilesMergeInOrderAndReloadAndTheNextDaemonReadThemAll() throws Exception {
        TendProject p = new TendProject(tend, "explicit", "");
        Files.delete(p.file("tend.yaml"));
        Files.writeString(p.file("base.yaml"), BASE.replace("command: sleep 1000\n    env:",
                "command: echo \"$REGION\" > region.txt; exec sleep 1000\n    env:"));
        Files.writeString(p.file("local.yaml"), "services:\n  web:\n    env: { REGION: local }\n");
        p.ok("up", "-f", "base.yaml", "-f", "local.yaml", "--wait");
        assertEquals("local\n", region(p));
        Map<String, Object> web = p.awaitState("web", "ready");

        Files.writeString(p.file("local.yaml"), "services:\n  web:\n    env: { REGION: moon }\n");
        Files.delete(p.file("region.txt"));
        TendHome.Result r = p.ok("reload");
        assertTrue(r.out().contains("changed web"), "local.yaml was read again: " + r);
        Map<String, Object> restarted = p.awaitService("web runs again", "web",
                s -> "ready".equals(TendProject.state(s)) && pid(s) != pid(web));
        assertFalse(alive(pid(web)));
        assertEquals("moon\n", region(p));
        String config = p.ok("config", "-f", "base.yaml", "-f", "local.yaml").out();
        assertTrue(config.contains("REGION: moon"), config);

        tend.tend("daemon", "stop");
        TendHome.waitUntil("the services stopped with the daemon", () -> !alive(pid(restarted)));
        Files.delete(p.file("region.txt"));
        p.awaitState("web", "ready"); // the next daemon restores what ran, reading both files again
        assertEquals("moon\n", region(p));
        p.ok("down");
    }

    private static String region(TendProject p) throws Exception {
        return TendProject.await("web wrote region.txt", () -> {
            String text = Files.exists(p.file("region.txt")) ? Files.readString(p.file("region.txt")) : "";
            return text.endsWith("\n") ? text : null;
        });
    }
}
