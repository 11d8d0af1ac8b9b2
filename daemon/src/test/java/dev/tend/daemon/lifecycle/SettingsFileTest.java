package dev.tend.daemon.lifecycle;

import dev.tend.daemon.core.logs.LogPolicy;
import dev.tend.daemon.lifecycle.SettingsFile.SettingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsFileTest {
    @TempDir
    Path tmp;

    private Path write(String yaml) throws IOException {
        return Files.writeString(tmp.resolve("config.yaml"), yaml);
    }

    private String error(String yaml) throws IOException {
        Path file = write(yaml);
        String message = assertThrows(SettingsException.class, () -> SettingsFile.load(file)).getMessage();
        assertTrue(message.startsWith(file + ":"), "names the file: " + message);
        return message;
    }

    @Test
    void aSettingsFileOverTheSizeLimitIsRefusedBeforeItIsParsed() throws Exception {
        Path file = write("log_level: " + "x".repeat(2 << 20) + "\n"); // plain: parsed fast, so today this fails fast
        SettingsFile.SettingsException e = assertThrows(SettingsFile.SettingsException.class, () -> SettingsFile.load(file));
        assertEquals(file + ": 2.0 MiB is more than the 256 KiB a settings file may hold", e.getMessage());
    }

    @Test
    void aLongValueIsQuotedShortenedInTheError() throws Exception {
        String message = error("log_level: " + "x".repeat(200_000) + "\n");
        assertTrue(message.length() < 300, () -> message.length() + " characters: " + message.substring(0, 200));
        assertTrue(message.contains("log_level: 'xxxxxxxxxx"), message);
        assertTrue(message.contains("(200000 characters)"), message);
    }

    @Test
    void missingFileGivesTheDefaults() throws Exception {
        assertSame(Settings.DEFAULTS, SettingsFile.load(tmp.resolve("absent.yaml")));
    }

    @Test
    void emptyFileGivesDefaultsWithItsModificationTime() throws Exception {
        Path file = write("");
        Settings s = SettingsFile.load(file);
        assertEquals(LogPolicy.DEFAULTS, s.logs());
        assertNull(s.idleTimeout());
        assertEquals("info", s.logLevel());
        assertEquals(Files.getLastModifiedTime(file).toMillis(), s.fileModifiedMillis());
    }

    @Test
    void readsEveryKey() throws Exception {
        Path file = write("""
                logs:
                  max_file_size: 20MiB
                  files: 3
                  max_line: 1KiB
                idle_timeout: 30m
                log_level: DEBUG
                """);
        Settings s = SettingsFile.load(file);
        assertEquals(new LogPolicy(20L * 1024 * 1024, 3, 1024), s.logs());
        assertEquals(Duration.ofMinutes(30), s.idleTimeout());
        assertEquals("debug", s.logLevel());
        assertEquals(Files.getLastModifiedTime(file).toMillis(), s.fileModifiedMillis());
    }

    @Test
    void readsTheDaemonWideHooksAndTheirTimeout() throws Exception {
        Settings s = SettingsFile.load(write("hooks:\n  on_failed: notify-send \"$TEND_SERVICE failed\"\n  timeout: 5s\n"));
        assertEquals(new Settings.Hooks("notify-send \"$TEND_SERVICE failed\"", Duration.ofSeconds(5)), s.hooks());
        assertEquals(Settings.Hooks.DEFAULTS, SettingsFile.load(write("idle_timeout: 1m\n")).hooks());
        assertEquals(Duration.ofSeconds(30), Settings.Hooks.DEFAULTS.timeout());
    }

    @Test
    void aBadHookSettingIsAnErrorNamingItsKey() throws Exception {
        assertTrue(error("hooks:\n  on_crash: x\n").contains("unknown setting 'hooks.on_crash'"));
        assertTrue(error("hooks:\n  timeout: soon\n").contains("hooks.timeout"));
        assertTrue(error("hooks:\n  timeout: 0s\n").contains("hooks.timeout: must be longer than zero"));
        assertTrue(error("hooks:\n  on_failed: [a, b]\n").contains("hooks.on_failed: expected a shell command"));
        assertTrue(error("hooks: yes\n").contains("hooks: expected a map"));
    }

    @Test
    void unsetLogKeysKeepTheirDefaults() throws Exception {
        Settings s = SettingsFile.load(write("logs:\n  files: 2\n"));
        assertEquals(new LogPolicy(LogPolicy.DEFAULTS.maxFileBytes(), 2, LogPolicy.DEFAULTS.maxLineBytes()), s.logs());
    }

    @Test
    void sizesTakeDecimalAndBinaryUnitsInAnyCase() throws Exception {
        Path f = tmp.resolve("x");
        assertEquals(1048576, SettingsFile.size(f, "k", new com.fasterxml.jackson.databind.node.IntNode(1048576)));
        assertEquals(64, size("64"));
        assertEquals(64, size("64B"));
        assertEquals(2000, size("2KB"));
        assertEquals(2048, size("2KiB"));
        assertEquals(3_000_000, size("3 MB"));
        assertEquals(3L * 1024 * 1024, size("3mib"));
        assertEquals(1_000_000_000L, size("1GB"));
        assertEquals(5L * 1024 * 1024 * 1024, size("5GiB"));
    }

    private static long size(String text) throws SettingsException {
        return SettingsFile.size(Path.of("c.yaml"), "k", new com.fasterxml.jackson.databind.node.TextNode(text));
    }

    @Test
    void nullIdleTimeoutMeansNever() throws Exception {
        assertNull(SettingsFile.load(write("idle_timeout: null\n")).idleTimeout());
        assertNull(SettingsFile.load(write("idle_timeout: ~\n")).idleTimeout());
    }

    @Test
    void unknownTopLevelKeyIsNamedWithTheKnownOnes() throws Exception {
        String m = error("log_levle: debug\n");
        assertTrue(m.contains("unknown setting 'log_levle'"), m);
        assertTrue(m.contains("(known: hooks, idle_timeout, log_level, logs)"), m);
    }

    @Test
    void unknownLogsKeyIsNamedWithItsPrefix() throws Exception {
        String m = error("logs:\n  max_files: 3\n");
        assertTrue(m.contains("unknown setting 'logs.max_files'"), m);
        assertTrue(m.contains("logs.files"), m);
    }

    @Test
    void badSizeIsRefusedWithExamples() throws Exception {
        String m = error("logs:\n  max_file_size: 10 parsecs\n");
        assertTrue(m.contains("logs.max_file_size: '10 parsecs' is not a size"), m);
        assertTrue(m.contains("10MiB"), m);
        assertTrue(error("logs:\n  max_line: -5\n").contains("logs.max_line: '-5' is not a size"));
    }

    @Test
    void sizeTooLargeForALongIsRefusedAsASettingsError() throws Exception {
        String m = error("logs:\n  max_file_size: 99999999999999999999\n");
        assertTrue(m.contains("logs.max_file_size: '99999999999999999999' is too large"), m);
    }

    @Test
    void sizeWhoseUnitOverflowsIsRefusedNotWrappedAround() throws Exception {
        // 2^34 + 1 GiB wraps to exactly 1 GiB in 64-bit arithmetic
        String m = error("logs:\n  max_file_size: 17179869185GiB\n");
        assertTrue(m.contains("logs.max_file_size: '17179869185GiB' is too large"), m);
    }

    @Test
    void fileCountBelowOneIsRefused() throws Exception {
        assertTrue(error("logs:\n  files: 0\n").contains("logs.files: expected a whole number of at least 1"));
        assertTrue(error("logs:\n  files: -2\n").contains("logs.files: expected a whole number"));
    }

    @Test
    void fileCountMustBeAWholeNumber() throws Exception {
        assertTrue(error("logs:\n  files: 2.5\n").contains("logs.files: expected a whole number"));
        assertTrue(error("logs:\n  files: three\n").contains("logs.files: expected a whole number"));
        assertTrue(error("logs:\n  files: \"3\"\n").contains("logs.files: expected a whole number"));
    }

    @Test
    void limitsTheLogPolicyRefusesAreReported() throws Exception {
        String m = error("logs:\n  max_line: 8\n");
        assertTrue(m.contains("logs: log line limit must be at least 16 bytes, got 8"), m);
        assertTrue(error("logs:\n  max_file_size: 0\n").contains("logs: log file size cap must be at least 1 byte"));
    }

    @Test
    void unknownLogLevelListsTheLevels() throws Exception {
        String m = error("log_level: verbose\n");
        assertTrue(m.contains("log_level: 'verbose' is not one of trace, debug, info, warn, error"), m);
    }

    @Test
    void badIdleTimeoutIsExplained() throws Exception {
        String m = error("idle_timeout: 10\n");
        assertTrue(m.contains("idle_timeout: bad duration '10'"), m);
        assertTrue(error("idle_timeout: soon\n").contains("idle_timeout: "));
    }

    @Test
    void documentThatIsNotAMapIsRefused() throws Exception {
        assertTrue(error("- logs\n- idle_timeout\n").contains("expected a map of settings"));
        assertTrue(error("just text\n").contains("expected a map of settings"));
    }

    @Test
    void logsThatIsNotAMapIsRefused() throws Exception {
        assertTrue(error("logs: 5\n").contains("logs: expected a map with max_file_size, files, max_line"));
    }

    @Test
    void invalidYamlNamesTheLine() throws Exception {
        String m = error("log_level: info\nlogs: [\n");
        assertTrue(m.matches(".*config\\.yaml:\\d+: not valid YAML"), m);
    }
}
