package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static dev.tend.it.TendProject.pid;
import static dev.tend.it.TendProject.restarts;
import static dev.tend.it.TendProject.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Liveness probes and memory limits on real processes: an HTTP server that the test makes answer 503 is restarted
 * after its failures in a row (told in ps, ps --json and history); a process that grows past max_memory is restarted
 * with the sizes in its history.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthIT {
    /** Answers 200, or 503 while a file "sick" is in its directory. */
    private static final String SERVER = """
            import http.server, os
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(503 if os.path.exists("sick") else 200)
                    self.end_headers()
                def log_message(self, *args):
                    pass
            http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), H).serve_forever()
            """;
    /** Grows by 8 MiB (written, so resident) every 50 ms up to 160 MiB, then idles. */
    private static final String GROWER = """
            import time
            blocks = []
            print("growing", flush=True)
            while True:
                if len(blocks) < 20:
                    blocks.append(b"x" * (8 << 20))
                time.sleep(0.05)
            """;

    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    private static Map<String, Object> alive(Map<String, Object> service) {
        Object a = service.get("alive");
        return a instanceof Map<?, ?> ? dev.tend.protocol.json.JsonObjects.object(a) : null;
    }

    @Test
    void aServerThatAnswers503IsRestartedAfterItsFailuresInARowAndPsShowsThemMeanwhile() throws Exception {
        TendProject p = new TendProject(tend, "live", """
                services:
                  web:
                    command: exec python3 server.py
                    port: auto
                    ready: { http: "http://127.0.0.1:$PORT/" }
                    alive: { http: "http://127.0.0.1:$PORT/", interval: 1s, timeout: 1s, failures: 5 }
                """);
        Files.writeString(p.file("server.py"), SERVER);
        p.ok("up", "--wait");
        Map<String, Object> healthy = p.service("web");
        assertEquals("ready", state(healthy));
        assertEquals(0L, ((Number) alive(healthy).get("failures")).longValue(), healthy.toString());
        long firstPid = pid(healthy);

        // five failures a second apart: ps (a CLI run each) sees the count between them with seconds to spare
        Files.createFile(p.file("sick"));
        String table = TendProject.await("ps shows web unhealthy", () -> {
            String out = p.ok("ps").out();
            return out.contains("ready (unhealthy ") ? out : null;
        });
        assertTrue(table.matches("(?s).*web\\s+ready \\(unhealthy [1-4]/5\\).*"), table);
        Map<String, Object> failing = p.awaitService("a failure in --json", "web",
                s -> alive(s) != null && ((Number) alive(s).get("failures")).longValue() > 0);
        assertEquals("HTTP 503", alive(failing).get("lastError"), failing.toString());

        Map<String, Object> unhealthy = TendProject.await("an unhealthy entry in the history", () -> p.history("web")
                .stream().filter(h -> "unhealthy".equals(h.get("kind"))).findFirst().orElse(null));
        assertEquals(firstPid, pid(unhealthy));
        assertTrue(String.valueOf(unhealthy.get("reason")).matches(
                "http http://127\\.0\\.0\\.1:\\d+/ failed 5 times in a row: HTTP 503"), unhealthy.toString());

        Files.delete(p.file("sick"));
        Map<String, Object> again = p.awaitService("web restarted and ready", "web",
                s -> "ready".equals(state(s)) && restarts(s) == 1);
        assertNotEquals(firstPid, pid(again));
        assertTrue(!TendProject.alive(firstPid), "the unhealthy process is gone");
        List<String> kinds = p.history("web").stream().map(h -> String.valueOf(h.get("kind"))).toList();
        assertTrue(kinds.indexOf("unhealthy") < kinds.lastIndexOf("restarting"), kinds.toString());
        String text = p.ok("history", "web").out();
        assertTrue(text.contains("unhealthy"), text);
        p.ok("down");
    }

    @Test
    void aProcessGrowingPastMaxMemoryIsRestartedWithTheSizesInItsHistory() throws Exception {
        TendProject p = new TendProject(tend, "grow", """
                services:
                  hog:
                    command: exec python3 grow.py
                    max_memory: 64MiB
                """);
        Files.writeString(p.file("grow.py"), GROWER);
        p.ok("up", "--wait");
        long firstPid = pid(p.service("hog"));

        Map<String, Object> limit = TendProject.await("a memory entry in the history", () -> p.history("hog")
                .stream().filter(h -> "memory".equals(h.get("kind"))).findFirst().orElse(null));
        assertEquals(firstPid, pid(limit));
        assertTrue(String.valueOf(limit.get("reason")).matches("memory limit \\(\\d+ MiB > 64 MiB\\)"), limit.toString());
        Map<String, Object> again = p.awaitService("hog restarted", "hog", s -> restarts(s) >= 1 && pid(s) > 0);
        assertNotEquals(firstPid, pid(again));
        assertTrue(!TendProject.alive(firstPid), "the process over its limit is gone");
        p.ok("down");
    }

    @Test
    void aReloadThatAddsAliveAndMaxMemoryKeepsTheRunningProcess() throws Exception {
        TendProject p = new TendProject(tend, "later", """
                services:
                  web:
                    command: exec python3 server.py
                    port: auto
                    ready: { http: "http://127.0.0.1:$PORT/" }
                """);
        Files.writeString(p.file("server.py"), SERVER);
        p.ok("up", "--wait");
        Map<String, Object> before = p.service("web");
        assertEquals(null, before.get("alive"), before.toString());

        p.write("""
                services:
                  web:
                    command: exec python3 server.py
                    port: auto
                    ready: { http: "http://127.0.0.1:$PORT/" }
                    alive: { http: "http://127.0.0.1:$PORT/", interval: 1s }
                    max_memory: 1G
                """);
        TendHome.Result reload = p.ok("reload");
        assertTrue(reload.out().contains("web"), reload.toString());
        Map<String, Object> after = p.service("web");
        assertEquals(pid(before), pid(after), "not restarted: " + after);
        assertEquals("ready", state(after));
        assertEquals(3L, ((Number) alive(after).get("allowed")).longValue(), after.toString());
        assertEquals(0, restarts(after));
        p.ok("down");
    }

    @Test
    void exportMapsAliveAndMaxMemoryWhereItCanAndWarnsHonestly() throws Exception {
        TendProject p = new TendProject(tend, "exported", """
                services:
                  web:
                    command: exec python3 server.py
                    port: 8080
                    alive: { http: "http://127.0.0.1:$PORT/", interval: 5s, failures: 2 }
                    max_memory: 256M
                """);
        TendHome.Result systemd = p.ok("export", "systemd", "--user", "--out", "units");
        String unit = Files.readString(p.file("units").resolve("exported-web.service"));
        assertTrue(unit.contains("MemoryMax=256M"), unit);
        assertTrue(systemd.err().contains("tend: warning: service 'web': alive (http://127.0.0.1:$PORT/) not exported"),
                systemd.toString());
        assertTrue(systemd.err().contains("service 'web': max_memory becomes MemoryMax=, a hard limit"), systemd.toString());

        TendHome.Result compose = p.ok("export", "compose", "--out", "compose");
        String file = Files.readString(p.file("compose").resolve("compose.yaml"));
        assertTrue(file.contains("mem_limit: \"256m\""), file);
        assertTrue(file.contains("curl -fsS -o /dev/null 'http://127.0.0.1:8080/' || exit 1"), file);
        assertTrue(file.contains("retries: 2"), file);
        assertTrue(compose.err().contains("it does not restart it"), compose.toString());
    }
}
