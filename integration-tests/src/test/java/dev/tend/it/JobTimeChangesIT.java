package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Jobs across a daylight-saving change, on real daemons whose clocks libfaketime sets (the `faketime` package;
 * .ci/run installs it). The virtual-time cases are in the daemon's JobSchedulerTest.
 */
class JobTimeChangesIT {
    private static final Path FAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1");

    private TendHome tend;
    private Path project;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        project = tend.home().resolve("dst");
        Files.createDirectories(project);
        Files.writeString(project.resolve("tend.yaml"), """
                project: dst
                jobs:
                  nightly:
                    schedule: "30 1 * * *"
                    timezone: America/New_York
                    command: echo ran >> runs.txt
                """);
        tend.env().put("TZ", "America/New_York");
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    /** Every later bin/tend (and the daemon it starts) sees the clock at this time now, and running on. */
    private void clockAt(Instant fake) {
        long offset = fake.getEpochSecond() - Instant.now().getEpochSecond();
        tend.env().put("LD_PRELOAD", FAKETIME.toString());
        tend.env().put("FAKETIME", (offset >= 0 ? "+" : "") + offset);
    }

    private long runs() {
        try {
            return Files.readAllLines(project.resolve("runs.txt")).size();
        } catch (IOException e) {
            return 0;
        }
    }

    private Object nextRun() throws Exception {
        TendHome.Result jobs = tend.tendIn(project, "jobs", "--json");
        assertEquals(0, jobs.exit(), jobs.toString());
        return ((Map<?, ?>) ((List<?>) Json.parse(jobs.out())).get(0)).get("nextRun");
    }

    @Test
    void fixedTimeJobRunsOnceWhenTheDaemonRestartsInsideTheRepeatedHour() throws Exception {
        assumeTrue(Files.isReadable(FAKETIME), "SKIPPED: libfaketime is not installed (apt-get install faketime); "
                + "it sets the daemon's clock to the night clocks go back");
        // 01:29:30 EDT: the job runs at 01:30 EDT (05:30Z).
        clockAt(Instant.parse("2027-11-07T05:29:30Z"));
        TendHome.Result up = tend.tendIn(project, "up");
        assertEquals(0, up.exit(), up.toString());
        TendHome.waitUntil("the job ran at the first 01:30", () -> runs() == 1);
        assertEquals(0, tend.tend("daemon", "stop").exit());

        // A new daemon at 01:29:30 EST: the wall clock shows 01:30 again an hour later, but the job has run today.
        Instant restart = Instant.parse("2027-11-07T06:29:30Z");
        clockAt(restart);
        Instant realStart = Instant.now();
        up = tend.tendIn(project, "up");
        assertEquals(0, up.exit(), up.toString());
        assertEquals("2027-11-08T06:30:00.000Z", nextRun(), "the next run is tomorrow's 01:30");
        Duration pastSecond = Duration.between(restart, Instant.parse("2027-11-07T06:30:03Z"));
        TendHome.waitUntil("the daemon's clock passed the second 01:30",
                () -> Duration.between(realStart, Instant.now()).compareTo(pastSecond) > 0);
        Thread.sleep(500);
        assertEquals(1, runs(), "the job ran once");

        // Its history tells the times apart: the offset is shown where the zone has daylight saving.
        TendHome.Result history = tend.tendIn(project, "job", "history", "nightly");
        assertEquals(0, history.exit(), history.toString());
        assertTrue(history.out().contains("2027-11-07 01:30:00-04:00"), history.toString());
        TendHome.Result json = tend.tendIn(project, "job", "history", "nightly", "--json");
        assertTrue(json.out().contains("\"scheduledFor\":\"2027-11-07T05:30:00.000Z\""), json.toString());
    }
}
