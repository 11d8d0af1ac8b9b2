package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tend logs` without -f, against a service writing as fast as it can, stops at the end the log had when the
 * command began, instead of chasing lines written while it reads.
 */
class BusyLogReadIT {
    private TendHome tend;
    private TendProject p;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        // Nothing rotates away during the test, so every line up to the end is there to be printed.
        Files.writeString(tend.home().resolve("config.yaml"), "logs: { max_file_size: 256MiB, files: 2 }\n");
        // At most 200 lines every 10 ms (system() flushes them): ten times what the reader below takes, and little
        // enough that the daemon's capture keeps up even on a loaded machine.
        p = new TendProject(tend, "busy", """
                services:
                  flood:
                    command: awk 'BEGIN { for (i = 1; ; i++) { print "n " i " ................"; if (i %% 200 == 0) system("sleep 0.01") } }'
                    restart: "no"
                """.formatted());
        p.ok("up");
        TendProject.await("the service has logged a while",
                () -> Files.size(tend.stateDir().resolve("logs/busy/flood.log")) > 50_000 ? true : null);
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    @Test
    void logsOfAServiceWritingFasterThanItReadsEndsWithItsLinesInOrder() throws Exception {
        Process logs = tend.startIn(p.dir(), "logs", "-n", "0", "flood");
        // Without the bound this command never ends: the watchdog turns that into a failure, not a hung build.
        Thread watchdog = new Thread(() -> {
            try {
                if (!logs.waitFor(90, TimeUnit.SECONDS)) {
                    logs.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // the test is over
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(logs.getInputStream(), StandardCharsets.UTF_8));
            long previous = 0;
            long printed = 0;
            String line;
            while ((line = out.readLine()) != null) {
                int at = line.indexOf("| n ");
                String shown = line.substring(0, Math.min(120, line.length()));
                assertTrue(at > 0, () -> "not a line of the service: " + shown);
                String rest = line.substring(at + 4);
                long n = Long.parseLong(rest.substring(0, rest.indexOf(' ')));
                long after = previous;
                // Files rotated away mid-read may skip numbers (reported on stderr), never go back or repeat.
                assertTrue(n > previous, () -> "line " + n + " printed after line " + after);
                previous = n;
                printed++;
                if (printed % 10 == 0) {
                    Thread.sleep(10); // a reader slower than the writer: unbounded, it would never reach the end
                }
            }
            assertTrue(logs.waitFor(30, TimeUnit.SECONDS));
            String err = new String(logs.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, logs.exitValue(), "tend logs -n 0 ended by itself: " + err);
            assertTrue(printed > 1000, "printed " + printed + " lines");
        } finally {
            logs.destroyForcibly();
            p.ok("down");
        }
    }
}
