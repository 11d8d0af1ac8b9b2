package dev.tend.daemon.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamesTest {

    @Test
    void validNamesAreWordsWithDotsDashesAndUnderscores() {
        for (String ok : List.of("api", "web-1", "db.primary", "_x", "9lives", "A_B")) {
            assertTrue(Names.isValid(ok), ok);
        }
        for (String bad : List.of("", ".hidden", "-flag", "a/b", "a b", "café", "a:b")) {
            assertFalse(Names.isValid(bad), bad);
        }
    }

    @Test
    void aNameIsAtMostAHundredCharactersSinceItBecomesAFileName() {
        assertTrue(Names.isValid("a".repeat(100)));
        assertFalse(Names.isValid("a".repeat(101)));
        assertEquals("a".repeat(100), Names.sanitize("a".repeat(300)));
        assertNull(Names.problem("service", "web"));
        assertEquals("bad job name '-j': " + Names.rule(), Names.problem("job", "-j"));
    }

    @Test
    void sanitizeTurnsADirectoryNameIntoAValidName() {
        assertEquals("my-app", Names.sanitize("my app"));
        assertEquals("hidden", Names.sanitize(".hidden"));
        assertEquals("project", Names.sanitize("..."));
        assertEquals("project", Names.sanitize(null));
        assertTrue(Names.isValid(Names.sanitize("-weird/€ name")));
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
