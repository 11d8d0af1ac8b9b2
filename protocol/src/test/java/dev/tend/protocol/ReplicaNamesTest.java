package dev.tend.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplicaNamesTest {

    @Test
    void aGroupSaysHowManyCopiesAreUp() {
        assertEquals("2/3 up", ReplicaNames.summary(List.of("ready", "running", "crashed")));
        assertEquals("0/2 up", ReplicaNames.summary(List.of("stopped", "failed")));
    }

    @Test
    void aGroupOfTasksThatDidTheirJobSaysSoNotZeroUp() {
        assertEquals("3/3 completed", ReplicaNames.summary(List.of("completed", "completed", "completed")));
        assertEquals("2/3 completed", ReplicaNames.summary(List.of("completed", "completed", "failed")));
        assertEquals("1/3 up", ReplicaNames.summary(List.of("completed", "ready", "completed")));
    }
}
