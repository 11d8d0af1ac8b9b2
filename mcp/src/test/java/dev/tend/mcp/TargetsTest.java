package dev.tend.mcp;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetsTest {
    private final Targets targets = new Targets("/home/ann/shop");

    @Test
    void aRelativeDirIsReadAgainstTheDirectoryTheAgentRunsIn() {
        assertEquals(Map.of("dir", "/home/ann/shop/api"), targets.project(new Args(Map.of("dir", "api"))));
        assertEquals(Map.of("dir", "/home/ann/blog"), targets.project(new Args(Map.of("dir", "../blog"))));
        assertEquals(Map.of("dir", "/home/ann/shop"), targets.project(new Args(Map.of("dir", "."))));
    }

    @Test
    void anAbsoluteDirStaysAsGiven() {
        assertEquals(Map.of("dir", "/srv/blog"), targets.project(new Args(Map.of("dir", "/srv/blog"))));
    }

    @Test
    void noDirMeansTheAgentsDirectoryAndAProjectNeedsNone() {
        assertEquals(Map.of("dir", "/home/ann/shop"), targets.project(new Args(Map.of())));
        assertEquals(Map.of("project", "blog"), targets.project(new Args(Map.of("project", "blog", "dir", "x"))));
    }
}
