package dev.tend.daemon.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonOptionsTest {

    @Test
    void bareRunHasDefaults() {
        DaemonOptions o = DaemonOptions.parse(List.of("daemon", "run"));
        assertEquals(new DaemonOptions(null, false, null, false), o);
    }

    @Test
    void emptyArgumentsAreTheDefaults() {
        assertEquals(new DaemonOptions(null, false, null, false), DaemonOptions.parse(List.of()));
    }

    @Test
    void everyOptionAsSeparateWords() {
        DaemonOptions o = DaemonOptions.parse(List.of("--instance", "dev", "daemon", "run", "--detached", "--idle-timeout", "1m30s"));
        assertEquals("dev", o.instance());
        assertTrue(o.detached());
        assertEquals(Duration.ofSeconds(90), o.idleTimeout());
        assertFalse(o.help());
    }

    @Test
    void everyValueOptionWithEquals() {
        DaemonOptions o = DaemonOptions.parse(List.of("--instance=x", "run", "--idle-timeout=30m"));
        assertEquals("x", o.instance());
        assertEquals(Duration.ofMinutes(30), o.idleTimeout());
    }

    @Test
    void helpInEitherSpelling() {
        assertTrue(DaemonOptions.parse(List.of("run", "-h")).help());
        assertTrue(DaemonOptions.parse(List.of("run", "--help")).help());
    }

    @Test
    void unknownOptionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DaemonOptions.parse(List.of("run", "--verbose")));
        assertEquals("unknown option '--verbose'", e.getMessage());
    }

    @Test
    void optionWithoutItsValueSaysSo() {
        assertEquals("option --instance needs a value", assertThrows(IllegalArgumentException.class,
                () -> DaemonOptions.parse(List.of("run", "--instance"))).getMessage());
        assertEquals("option --idle-timeout needs a value", assertThrows(IllegalArgumentException.class,
                () -> DaemonOptions.parse(List.of("run", "--idle-timeout"))).getMessage());
    }

    @Test
    void badIdleTimeoutNamesTheOptionAndTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DaemonOptions.parse(List.of("run", "--idle-timeout", "10")));
        assertTrue(e.getMessage().startsWith("--idle-timeout: "), e.getMessage());
        assertTrue(e.getMessage().contains("'10'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DaemonOptions.parse(List.of("--idle-timeout=soon")));
    }

    @Test
    void laterOptionWins() {
        assertEquals("b", DaemonOptions.parse(List.of("--instance", "a", "--instance=b")).instance());
    }

    @Test
    void usageMentionsEveryOption() {
        for (String option : new String[] {"--instance", "--detached", "--idle-timeout"}) {
            assertTrue(DaemonOptions.USAGE.contains(option), option);
        }
        assertNull(DaemonOptions.parse(List.of("run")).instance());
    }
}
