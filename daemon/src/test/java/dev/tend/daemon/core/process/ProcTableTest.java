package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcTableTest {

    @Test
    void aLookKnowsTheStartTimeOfEachProcessItSawAsJavaReportsIt() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ProcTable table = ProcTable.read(null, new MarkCache());

            assertEquals(ProcessHandle.of(child.pid()).orElseThrow().info().startInstant(),
                    table.startTime(child.pid()));
            assertEquals(ProcessHandle.current().info().startInstant(),
                    table.startTime(ProcessHandle.current().pid()));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessTheLookDidNotSeeHasNoStartTimeInIt() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        ProcTable table = ProcTable.read(null, new MarkCache());

        assertEquals(Optional.empty(), table.startTime(child.pid()));
        assertTrue(table.startTime(Long.MAX_VALUE).isEmpty());
    }

    @Test
    void aLookTellsAProcessInAnotherGroupFromOneLeadingItsOwnAndFromOneItDidNotSee() throws Exception {
        Process plain = new ProcessBuilder("sleep", "30").start(); // forked by Java: in the JVM's group
        Process leader = new ProcessBuilder("setsid", "sleep", "30").start();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try {
            Processes.await("setsid made its session",
                    () -> ProcStat.read(leader.pid()).map(s -> s.pgrp() == leader.pid()).orElse(false));
            ProcTable table = ProcTable.read(null, new MarkCache());

            assertTrue(table.outsideOwnGroup(plain.pid()));
            assertFalse(table.outsideOwnGroup(leader.pid()));
            assertFalse(table.outsideOwnGroup(gone.pid()));
        } finally {
            plain.destroyForcibly().waitFor();
            leader.destroyForcibly().waitFor();
        }
    }
}
