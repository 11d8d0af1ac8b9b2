package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SlowStopTest {

    @Test
    void theLineNamesWhoIsStillStoppingAndWhatEndsTheWait() {
        assertEquals("tend: still stopping deaf (it was sent its stop signal; what is left of it is killed after its "
                + "stop_timeout)", SlowStop.line(List.of("deaf")));
        assertEquals("tend: still stopping api, worker (they were sent their stop signal; what is left of each is "
                + "killed after its stop_timeout)", SlowStop.line(List.of("api", "worker")));
    }
}
