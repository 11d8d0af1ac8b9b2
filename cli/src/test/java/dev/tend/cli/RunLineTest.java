package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunLineTest {

    @Test
    void aRunningServiceIsToldWithItsPid() {
        assertEquals("adhoc/web: started (running, pid 42)",
                RunCommand.said(Map.of("name", "web", "state", "running", "pid", 42L)));
    }

    @Test
    void aTaskThatEndedBeforeTheAnswerHasNoPidZero() {
        assertEquals("adhoc/flood: started (completed (0))",
                RunCommand.said(Map.of("name", "flood", "state", "completed", "pid", 0L, "exitCode", 0L)));
    }
}
