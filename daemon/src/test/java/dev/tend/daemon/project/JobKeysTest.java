package dev.tend.daemon.project;

import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.jobs.JobSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The job keys the scheduler added (timeout, catch_up), and the validator and scheduler agreeing on schedules. */
class JobKeysTest {

    @TempDir
    Path dir;

    private JobSpec load(String job) throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), "jobs:\n  j:\n    schedule: \"@daily\"\n    command: ./x\n" + job);
        return ProjectFiles.load(dir).jobs().get("j");
    }

    @Test
    void timeoutAndCatchUpAreRead() throws Exception {
        JobSpec j = load("    timeout: 90s\n    catch_up: true\n");
        assertEquals(Duration.ofSeconds(90), j.timeout());
        assertTrue(j.catchUp());
    }

    @Test
    void withoutThemThereIsNoTimeoutAndNoCatchUp() throws Exception {
        JobSpec j = load("");
        assertNull(j.timeout());
        assertFalse(j.catchUp());
    }

    @Test
    void badTimeoutAndCatchUpAreRefusedWithTheirLine() {
        ProjectFileException zero = assertThrows(ProjectFileException.class, () -> load("    timeout: 0s\n"));
        assertEquals(5, zero.line());
        assertTrue(zero.reason().contains("timeout must be more than zero"), zero.getMessage());
        ProjectFileException word = assertThrows(ProjectFileException.class, () -> load("    catch_up: sometimes\n"));
        assertEquals(5, word.line());
        assertTrue(word.reason().contains("unknown catch_up 'sometimes'"), word.getMessage());
    }

    @Test
    void everyScheduleTheValidatorAcceptsTheSchedulerReads() {
        for (String s : List.of("0 3 * * *", "*/5 * * * *", "*/1 * * * * *", "0 0 12 * * MON-FRI", "@hourly",
                "@daily", "@midnight", "@weekly", "@monthly", "@yearly", "@annually", "@every 10m", "@every 1h30m",
                "@every 1s", "@every 1s500ms", "15 10 * * 7")) {
            String valid = Schedules.validate(s);
            JobSchedule parsed = JobSchedule.parse(valid, ZoneOffset.UTC);
            assertEquals(valid, parsed.text());
        }
    }

    @Test
    void everyScheduleTheValidatorRefusesTheSchedulerRefuses() {
        for (String s : List.of("* * *", "61 * * * *", "@often", "@every", "@every 10", "@every 0s", "@every 1x", "@every 999ms", "@every 1ms")) {
            assertThrows(IllegalArgumentException.class, () -> Schedules.validate(s), s);
            assertThrows(IllegalArgumentException.class, () -> JobSchedule.parse(s, ZoneOffset.UTC), s);
        }
    }
}
