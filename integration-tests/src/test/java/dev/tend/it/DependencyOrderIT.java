package dev.tend.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** depends_on: dependents start after their dependencies are ready, and stop before them (docs/project-file.md, docs/supervision.md). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DependencyOrderIT {
    private TendHome tend;

    @BeforeAll
    void startHome() throws Exception {
        tend = new TendHome();
    }

    @AfterAll
    void closeHome() throws Exception {
        tend.close();
    }

    @Test
    void dependentStartsOnlyOnceItsDependencyListens() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        TendProject p = new TendProject(tend, "tcp", """
                services:
                  web:
                    command: bash web.sh %1$d
                    depends_on: [db]
                  db:
                    command: java Listener.java %1$d 1500
                    ready: { tcp: %1$d, interval: 100ms }
                """.formatted(port));
        // Listens only after a delay (on top of the JDK compiling the file), so a dependent that does not wait fails.
        Files.writeString(p.file("Listener.java"), """
                public class Listener {
                    public static void main(String[] args) throws Exception {
                        Thread.sleep(Long.parseLong(args[1]));
                        try (var server = new java.net.ServerSocket(Integer.parseInt(args[0]), 50,
                                java.net.InetAddress.getLoopbackAddress())) {
                            System.out.println("listening");
                            while (true) {
                                server.accept().close();
                            }
                        }
                    }
                }
                """);
        Files.writeString(p.file("web.sh"), """
                if (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; then echo db-open-when-web-started; else echo db-closed-when-web-started; fi
                exec sleep 1000
                """);

        TendHome.Result up = p.tend("up", "--wait", "--timeout", "60");
        assertEquals(0, up.exit(), up.toString());

        Map<String, Object> db = p.awaitState("db", "ready");
        Map<String, Object> web = p.awaitState("web", "ready");
        Instant dbReady = Instant.parse(db.get("stateSince").toString());
        Instant webStarted = Instant.parse(web.get("startedAt").toString());
        assertFalse(webStarted.isBefore(dbReady), "web started at " + webStarted + ", db was ready at " + dbReady);
        String webLog = TendProject.await("web wrote its finding", () -> {
            String out = p.ok("logs", "web", "-n", "0").out();
            return out.contains("-when-web-started") ? out : null;
        });
        assertTrue(webLog.contains("db-open-when-web-started"), "db accepted web's connection at once: " + webLog);
        p.ok("down");
    }

    @Test
    void downStopsDependentsBeforeTheirDependencies() throws Exception {
        TendProject p = new TendProject(tend, "chain", """
                services:
                  db:
                    command: exec sh svc.sh db 0
                  api:
                    command: exec sh svc.sh api 0.3
                    depends_on: [db]
                  web:
                    command: exec sh svc.sh web 0.6
                    depends_on: [api]
                """);
        // exec: the script is the service's process itself, not a child of the /bin/sh -c that runs the command.
        // The slower a service is to stop, the nearer the top of the chain: stopping all at once would record
        // db, api, web; stopping dependents first (and waiting for them) records web, api, db.
        Files.writeString(p.file("svc.sh"), """
                trap 'sleep $2; echo $1 >> stop-order.txt; exit 0' TERM
                sleep 1000 &
                wait
                """);
        p.ok("up", "--wait");
        Instant previous = Instant.MIN;
        for (String s : List.of("db", "api", "web")) {
            Instant started = Instant.parse(p.awaitState(s, "ready").get("startedAt").toString());
            assertFalse(started.isBefore(previous), s + " started after what it depends on");
            previous = started;
        }

        p.ok("down");

        assertEquals(List.of("web", "api", "db"), lines(p, "stop-order.txt"), "dependents stop first");
        for (String s : List.of("db", "api", "web")) {
            assertEquals("stopped", TendProject.state(p.service(s)), s);
        }
    }

    private static List<String> lines(TendProject p, String file) throws Exception {
        return Files.readAllLines(p.file(file)).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }
}
