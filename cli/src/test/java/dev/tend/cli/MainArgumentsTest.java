package dev.tend.cli;

import dev.tend.protocol.Version;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI's argument handling, in-process; none of these cases reaches a daemon. */
class MainArgumentsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheTuiAndRunningItWithoutTheLauncherSaysHowToStartIt() {
        assertEquals(0, Main.run(new String[] {"--help"}));
        assertTrue(out().lines().anyMatch(l -> l.strip().startsWith("tui ")), out());
        assertEquals(0, Main.run(new String[] {"tui", "--help"}));
        assertTrue(out().contains("--project") && out().contains("--all"), out());
        assertEquals(ExitCode.USAGE, Main.run(new String[] {"tui", "--all"}));
        assertTrue(err().contains("tui`") && err().contains("launcher"), err());
    }

    @Test
    void helpListsTheMcpServerAndRunningItWithoutTheLauncherSaysHowToStartIt() {
        assertEquals(0, Main.run(new String[] {"--help"}));
        assertTrue(out().lines().anyMatch(l -> l.strip().startsWith("mcp ")), out());
        assertEquals(0, Main.run(new String[] {"mcp", "--help"}));
        assertTrue(out().contains("--read-only"), out());
        assertEquals(ExitCode.USAGE, Main.run(new String[] {"mcp", "--read-only"}));
        assertTrue(err().contains("mcp`") && err().contains("launcher"), err());
    }

    @Test
    void logsSinceAfterUntilIsAUsageErrorBeforeAnyDaemonIsAsked() {
        assertEquals(ExitCode.USAGE, Main.run(new String[] {"logs", "--all", "--since", "2026-12-05", "--until",
                "2026-12-04"}));
        assertEquals("tend: --since 2026-12-05 is after --until 2026-12-04: no line is between them\n", err());
    }

    @Test
    void versionPrintsTendAndTheVersion() {
        assertEquals(0, Main.run(new String[] {"--version"}));
        assertEquals("tend " + Version.current() + " (" + Version.commit() + ")", out().strip());
        assertTrue(out().strip().matches("tend \\d+\\.\\d+\\.\\d+.*"), out());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, Main.run(new String[] {"--help"}));
        assertTrue(out().contains("Usage: tend"), out());
        for (String command : new String[] {"up", "down", "ps", "logs", "daemon", "completion"}) {
            assertTrue(out().contains("  " + command), command + " in\n" + out());
        }
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(0, Main.run(new String[0]));
        assertTrue(out().contains("Usage: tend"), out());
    }

    @Test
    void unknownOptionIsAUsageErrorWithAMessage() {
        assertEquals(2, Main.run(new String[] {"--bogus"}));
        assertTrue(err().startsWith("tend: "), err());
        assertTrue(err().contains("--bogus"), err());
        assertEquals("", out());
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, Main.run(new String[] {"frobnicate"}));
        assertTrue(err().contains("frobnicate"), err());
    }

    @Test
    void missingRequiredArgumentIsAUsageError() {
        assertEquals(2, Main.run(new String[] {"signal", "HUP"}));
        assertTrue(err().startsWith("tend: "), err());
        assertTrue(err().contains("REF"), err());
    }

    /** The hot commands' hand-built model has no help texts: help and usage errors are the annotations' own. */
    @Test
    void hotCommandsHelpAndUsageErrorsSayWhatTheAnnotationsSay() {
        assertEquals(0, Main.run(new String[] {"ps", "--all", "--help"}));
        assertTrue(out().contains("Usage: tend ps") && out().contains("Every project's services."), out());
        assertEquals(0, Main.run(new String[] {"-q", "logs", "-h"}));
        assertTrue(out().contains("Lines from the end (default 100; 0: all)."), out());
        assertEquals(2, Main.run(new String[] {"start"}));
        assertTrue(err().contains("Missing required parameter: 'REF'") && err().contains("tend start --help"), err());
        assertEquals(2, Main.run(new String[] {"logs", "--lnes", "5"}));
        assertTrue(err().contains("Unknown option: '--lnes'") && err().contains("tend logs --help"), err());
    }

    @Test
    void completionBashPrintsAScriptForTend() {
        assertEquals(0, Main.run(new String[] {"completion", "bash"}));
        assertTrue(out().contains("tend"), out());
        assertTrue(out().contains("complete "), out());
        assertEquals("", err());
    }

    @Test
    void completionZshLoadsBashCompatibilityFirst() {
        assertEquals(0, Main.run(new String[] {"completion", "zsh"}));
        assertTrue(out().startsWith("autoload -U +X compinit"), out());
        assertTrue(out().contains("bashcompinit"), out());
    }

    @Test
    void completionForAnUnknownShellIsAUsageErrorNamingIt() {
        assertEquals(2, Main.run(new String[] {"completion", "tcsh"}));
        assertEquals("tend: unknown shell 'tcsh': use bash, zsh or fish", err().strip());
        assertEquals("", out());
    }

    @Test
    void invalidInstanceNameIsAUsageErrorBeforeAnyDaemonIsContacted() {
        assertEquals(2, Main.run(new String[] {"--instance", "../etc", "ps"}));
        assertTrue(err().contains("invalid instance name '../etc'"), err());
    }
}
