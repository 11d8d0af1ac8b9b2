package dev.tend.daemon.core.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job keeps the log files of its newest runs, rotations included, and nothing of older ones. */
class RunLogsTest {

    @TempDir
    Path logs;

    private RunLogs runLogs() {
        return new RunLogs(logs);
    }

    private Path jobDir(String... files) throws IOException {
        Path dir = runLogs().dir("demo", "backup");
        Files.createDirectories(dir);
        for (String f : files) {
            Files.writeString(dir.resolve(f), "x\n");
        }
        return dir;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void runLogsLiveUnderTheProjectsJobsDirectory() {
        assertEquals(logs.resolve("demo/jobs/backup/42.log"), runLogs().file("demo", "backup", 42));
    }

    @Test
    void exactlyKeepRunsAreKeptWithTheirRotationsAndOlderRunsGoWhole() throws IOException {
        Path dir = jobDir("1.log", "1.log.1", "2.log", "9.log", "9.log.1", "9.log.2", "10.log", "11.log");
        runLogs().prune("demo", "backup", 3);
        assertEquals(List.of("10.log", "11.log", "9.log", "9.log.1", "9.log.2"), names(dir),
                "runs ordered by number, not by name: 9 is older than 10");
    }

    @Test
    void asManyRunsAsKeptDeletesNothing() throws IOException {
        Path dir = jobDir("1.log", "2.log", "3.log", "3.log.1");
        runLogs().prune("demo", "backup", 3);
        assertEquals(List.of("1.log", "2.log", "3.log", "3.log.1"), names(dir));
    }

    @Test
    void oneRunMoreThanKeptDeletesTheOldest() throws IOException {
        Path dir = jobDir("1.log", "2.log", "3.log");
        runLogs().prune("demo", "backup", 2);
        assertEquals(List.of("2.log", "3.log"), names(dir));
    }

    @Test
    void keepingOneKeepsOnlyTheNewestRun() throws IOException {
        Path dir = jobDir("5.log", "6.log", "7.log", "7.log.1");
        runLogs().prune("demo", "backup", 1);
        assertEquals(List.of("7.log", "7.log.1"), names(dir));
    }

    @Test
    void filesThatAreNotRunLogsAreLeftAlone() throws IOException {
        Path dir = jobDir("1.log", "2.log", "notes.txt", "x1.log", "3.log.old", "4.logx");
        runLogs().prune("demo", "backup", 1);
        assertEquals(List.of("2.log", "3.log.old", "4.logx", "notes.txt", "x1.log"), names(dir));
    }

    @Test
    void aJobWithoutLogsIsNothingToPrune() throws IOException {
        runLogs().prune("demo", "never-ran", 1);
        assertEquals(false, Files.exists(runLogs().dir("demo", "never-ran")));
    }
}
