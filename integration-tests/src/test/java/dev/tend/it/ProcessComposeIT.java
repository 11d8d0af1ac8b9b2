package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `tend up` in a directory whose only project file is a process-compose.yaml. */
class ProcessComposeIT {
    private TendHome tend;

    @TempDir
    Path project;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    @Test
    void upRunsTheProcessesInDependencyOrderAndListsWhatItIgnored() throws Exception {
        Files.writeString(project.resolve("process-compose.yaml"), """
                version: "0.5"
                log_location: ./pc.log
                processes:
                  db:
                    command: "touch db.ready && sleep 1000"
                    readiness_probe:
                      exec:
                        command: "test -f db.ready"
                      period_seconds: 1
                  api:
                    command: "sleep 1000"
                    environment:
                      - "GREETING=hi"
                    depends_on:
                      db:
                        condition: process_healthy
                    availability:
                      restart: on_failure
                      backoff_seconds: 3
                    description: "The public API"
                    namespace: backend
                """);
        TendHome.Result r = TendHome.finish(tend.command(TendHome.LAUNCHER.toString(), "up", "--wait")
                .directory(project.toFile()).start());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("tend: warning: process-compose.yaml:2: ignored top-level key 'log_location'"),
                r.toString());
        assertTrue(r.err().contains("tend: warning: process-compose.yaml: 1 key ignored (1 place)"), r.toString());
        assertFalse(r.err().contains("backoff_seconds") || r.err().contains("namespace"), r.toString());
        TendHome.Result ps = TendHome.finish(tend.command(TendHome.LAUNCHER.toString(), "ps", "--json")
                .directory(project.toFile()).start());
        String name = project.getFileName().toString();
        assertTrue(ps.out().contains("\"project\":\"" + name + "\",\"name\":\"db\",\"state\":\"ready\""), ps.toString());
        assertTrue(ps.out().contains("\"name\":\"api\",\"state\":\"ready\""), ps.toString());
        assertTrue(ps.out().contains("\"description\":\"The public API\",\"namespaces\":[\"backend\"]"), ps.toString());

        TendHome.Result backend = TendHome.finish(tend.command(TendHome.LAUNCHER.toString(), "ps", "--namespace",
                "backend").directory(project.toFile()).start());
        assertEquals(0, backend.exit(), backend.toString());
        assertTrue(backend.out().contains("api") && !backend.out().contains("db"), backend.toString());
        TendHome.Result none = TendHome.finish(tend.command(TendHome.LAUNCHER.toString(), "ps", "-n", "web")
                .directory(project.toFile()).start());
        assertTrue(none.out().contains("no services in namespace 'web'"), none.toString());
    }
}
