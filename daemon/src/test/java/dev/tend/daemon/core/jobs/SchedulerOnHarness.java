package dev.tend.daemon.core.jobs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

/** A test of the scheduler on a fresh {@link JobHarness} in its own directory, closed (its runs killed) after each. */
abstract class SchedulerOnHarness {

    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path dir;

    JobHarness h;

    @BeforeEach
    void openHarness() {
        h = new JobHarness(dir, T0);
    }

    @AfterEach
    void closeHarness() throws Exception {
        h.close();
    }
}
