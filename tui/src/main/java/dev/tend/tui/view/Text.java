package dev.tend.tui.view;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * Text of the user's (log lines, reasons, commands) put on the screen a character at a time as the terminal shows it:
 * Lanterna's putString puts each Java char in a cell of its own, so the two halves of an emoji (one code point, two
 * chars) became two cells a terminal draws as '??'. {@link TextCharacter#fromString} keeps them whole, and says which
 * take two columns.
 */
final class Text {
    private Text() {
    }

    /** Puts the text at (x, y) in the graphics' colours and modifiers; returns the column after it. */
    static int put(TextGraphics g, int x, int y, String text) {
        int column = x;
        for (TextCharacter c : TextCharacter.fromString(text, g.getForegroundColor(), g.getBackgroundColor(),
                g.getActiveModifiers())) {
            g.setCharacter(column, y, c);
            column += c.isDoubleWidth() ? 2 : 1;
        }
        return column;
    }
}
