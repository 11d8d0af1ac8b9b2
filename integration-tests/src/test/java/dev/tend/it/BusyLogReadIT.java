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
        // Small files keep the disk use bounded while the service floods its log.
        Files.writeString(tend.home().resolve("config.yaml"), "logs: { max_file_size: 8MiB, files: 3 }\n");
        p = new TendProject(tend, "busy", """
                services:
                  flood:
                    command: awk 'BEGIN { pad = sprintf("%200s", ""); for (i = 1; ; i++) print "n " i pad }'
                    restart: "no"
                """);
        p.ok("up");
        TendProject.await("the service has logged a while",
                () -> Files.size(tend.stateDir().resolve("logs/busy/flood.log")) > 4_000_000 ? true : null);
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
                if (!logs.waitFor(2, TimeUnit.MINUTES)) {
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
