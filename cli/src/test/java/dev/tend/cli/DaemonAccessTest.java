package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DaemonAccessTest {

    @Test
    void answerTimeoutIsTheOptionElseTheEnvironmentElseFiveSeconds() {
        assertEquals(Duration.ofMillis(1500), DaemonAccess.answerTimeout("1.5", "9"));
        assertEquals(Duration.ofSeconds(9), DaemonAccess.answerTimeout(null, "9"));
        assertEquals(Duration.ofSeconds(5), DaemonAccess.answerTimeout(null, null));
        assertEquals(Duration.ofSeconds(5), DaemonAccess.answerTimeout(null, " "));
    }

    @Test
    void answerTimeoutOfZeroWaitsForEver() {
        assertNull(DaemonAccess.answerTimeout("0", null));
    }

    @Test
    void answerTimeoutThatIsNotANumberOfSecondsIsAUsageError() {
        CliException e = assertThrows(CliException.class, () -> DaemonAccess.answerTimeout(null, "soon"));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals("TEND_DAEMON_TIMEOUT must be a number of seconds (0: no limit), not 'soon'", e.getMessage());
        assertThrows(CliException.class, () -> DaemonAccess.answerTimeout("-1", null));
        assertThrows(CliException.class, () -> DaemonAccess.answerTimeout("NaN", null));
    }
}
