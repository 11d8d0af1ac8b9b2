package dev.tend.daemon.core;

import dev.tend.protocol.NameRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {

    @Test
    void problemForwardsTheSharedNameRule() {
        assertNull(Names.problem("service", "web"));
        assertEquals("bad job name '-j': " + NameRule.rule(), Names.problem("job", "-j"));
    }

    @Test
    void closestFindsMisspellingsButNotUnrelatedWords() {
        List<String> keys = List.of("command", "cwd", "env", "env_file", "depends_on");
        assertEquals(Optional.of("command"), Names.closest("comand", keys));
        assertEquals(Optional.of("depends_on"), Names.closest("depend_on", keys));
        assertEquals(Optional.of("env_file"), Names.closest("envfile", keys));
        assertEquals(Optional.empty(), Names.closest("image", keys));
        assertEquals(Optional.empty(), Names.closest("x", keys));
    }

    @Test
    void distanceIsLevenshtein() {
        assertEquals(3, Names.distance("kitten", "sitting"));
        assertEquals(0, Names.distance("same", "same"));
        assertEquals(4, Names.distance("", "abcd"));
    }
}
