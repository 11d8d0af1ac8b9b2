package dev.tend.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TerminalTextTest {

    @Test
    void plainTextAndTabsAndUnicodeAreLeftAsTheyAre() {
        String plain = "GET /api 200\t12ms caf\u00e9 \u65e5\u672c \ud83d\ude80";
        assertSame(plain, TerminalText.safe(plain));
    }

    @Test
    void coloursPass() {
        String red = "\u001b[31;1merror\u001b[0m: boom";
        assertEquals(red, TerminalText.safe(red));
    }

    @Test
    void sequencesThatRetitleClearOrSwitchTheScreenAreShownNotObeyed() {
        assertEquals("^[]0;HACKED^G ^[[?1049h ^[[2J^[c x",
                TerminalText.safe("\u001b]0;HACKED\u0007 \u001b[?1049h \u001b[2J\u001bc x"));
    }

    @Test
    void controlCharactersAndInvisibleFormatCharactersAreShown() {
        assertEquals("a^Hb^Mc^?d<U+009B>e <U+202E>f<U+200B>g",
                TerminalText.safe("a\bb\rc\u007fd\u009be \u202ef\u200bg"));
    }
}
