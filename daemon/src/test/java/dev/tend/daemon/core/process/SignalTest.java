package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Signals as a user names them, and exit statuses as they are told. */
class SignalTest {

    @Test
    void aSignalIsNamedWithOrWithoutSigInAnyCaseOrByItsNumber() {
        for (String text : new String[] {"SIGTERM", "TERM", "term", "sigterm", " 15 ", "15"}) {
            assertEquals(Signal.TERM, Signal.parse(text), text);
        }
        assertEquals(Signal.HUP, Signal.parse("1"));
        assertEquals(Signal.WINCH, Signal.parse("SIGWINCH"));
    }

    @Test
    void anUnknownOrMissingSignalIsRefusedWithWhatWasGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Signal.parse("SIGFOO"));
        assertTrue(e.getMessage().contains("'SIGFOO'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Signal.parse("SIG"));
        assertThrows(IllegalArgumentException.class, () -> Signal.parse("99"));
        assertThrows(IllegalArgumentException.class, () -> Signal.parse(null));
    }

    @Test
    void aNumberNamesItsSignalOrNone() {
        assertEquals(Signal.KILL, Signal.ofNumber(9));
        assertEquals(Signal.TERM, Signal.ofNumber(15));
        assertNull(Signal.ofNumber(40));
        assertEquals("SIGUSR1", Signal.USR1.fullName());
    }

    @Test
    void anExitIsToldByItsCodeAndADeathByItsSignal() {
        ExitStatus exited = ExitStatus.exited(3);
        assertFalse(exited.killedBySignal());
        assertFalse(exited.success());
        assertNull(exited.signalName());
        assertEquals("exit code 3", exited.toString());
        assertTrue(ExitStatus.exited(0).success());

        ExitStatus killed = ExitStatus.killed(9);
        assertTrue(killed.killedBySignal());
        assertFalse(killed.success());
        assertEquals(-1, killed.code());
        assertEquals("SIGKILL", killed.signalName());
        assertEquals("killed by SIGKILL", killed.toString());
    }

    @Test
    void aSignalWithoutANameHereIsToldByItsNumber() {
        ExitStatus killed = ExitStatus.killed(40);
        assertEquals("SIG40", killed.signalName());
        assertEquals("killed by signal 40", killed.toString());
    }
}
