package dev.tend.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NameRuleTest {

    @Test
    void validNamesAreWordsWithDotsDashesAndUnderscores() {
        for (String ok : List.of("api", "web-1", "db.primary", "_x", "9lives", "A_B")) {
            assertTrue(NameRule.isValid(ok), ok);
        }
        for (String bad : List.of("", ".hidden", "-flag", "a/b", "a b", "café", "a:b")) {
            assertFalse(NameRule.isValid(bad), bad);
        }
        assertFalse(NameRule.isValid(null));
    }

    @Test
    void theRuleHoldsAtItsEdges() {
        // first character: a word character, '_' included; '.' and '-' only after it
        assertTrue(NameRule.isValid("_"));
        assertTrue(NameRule.isValid("a"));
        assertTrue(NameRule.isValid("a.-_"));
        assertFalse(NameRule.isValid("."));
        assertFalse(NameRule.isValid("-"));
        assertFalse(NameRule.isValid("a\n"));
        // length: exactly the bound passes, one more fails, for the default and a tighter bound
        assertTrue(NameRule.isValid("a".repeat(NameRule.MAX_LENGTH)));
        assertFalse(NameRule.isValid("a".repeat(NameRule.MAX_LENGTH + 1)));
        assertTrue(NameRule.isValid("a".repeat(64), 64));
        assertFalse(NameRule.isValid("a".repeat(65), 64));
    }

    @Test
    void problemNamesTheKindAndTheRule() {
        assertNull(NameRule.problem("service", "web"));
        assertEquals("bad job name '-j': " + NameRule.rule(), NameRule.problem("job", "-j"));
        assertTrue(NameRule.rule().contains("at most 100 characters"), NameRule.rule());
    }

    @Test
    void sanitizeTurnsADirectoryNameIntoAValidName() {
        assertEquals("my-app", NameRule.sanitize("my app"));
        assertEquals("hidden", NameRule.sanitize(".hidden"));
        assertEquals("project", NameRule.sanitize("..."));
        assertEquals("project", NameRule.sanitize(null));
        assertEquals("a".repeat(100), NameRule.sanitize("a".repeat(300)));
        assertTrue(NameRule.isValid(NameRule.sanitize("-weird/€ name")));
    }
}
