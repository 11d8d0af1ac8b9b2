package dev.tend.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import java.time.ZoneId;

/** Draws one whole frame from a {@link Screenful}; knows nothing about where the data came from. */
public final class Renderer {
    private final ZoneId zone;
    private final boolean colors;

    public Renderer(ZoneId zone) {
        this(zone, true);
    }

    /** @param colors false (NO_COLOR, --no-color): the terminal's own colours only, bars in reverse video */
    public Renderer(ZoneId zone, boolean colors) {
        this.zone = zone;
        this.colors = colors;
    }

    public Layout layout(TerminalSize size, Screenful f) {
        return Layout.of(size.getColumns(), size.getRows(), f.visible().size());
    }

    public void draw(TextGraphics g, TerminalSize size, Screenful f) {
        Layout l = layout(size, f);
        g.setBackgroundColor(Theme.TEXT);
        g.setForegroundColor(Theme.TEXT);
        g.fill(' ');
        if (size.getRows() < 3 || size.getColumns() < 20) {
            g.putString(0, 0, Format.fit("tend: terminal too small", size.getColumns()));
            return;
        }
        Bars.drawTitle(g, l, f);
        TableView.draw(g, l, f);
        if (l.logHeight() > 0) {
            LogView.draw(g, l, f, zone);
        }
        Bars.drawStatus(g, l, f);
        Overlays.draw(g, l, f, zone);
        if (!colors) {
            decolor(g, size);
        }
    }

    /**
     * Takes the colours out of a drawn frame, so the views need not know: a cell on a coloured background (the
     * bars) turns to reverse video, so that what stood out still does, and bold and reverse stay as they are.
     */
    private static void decolor(TextGraphics g, TerminalSize size) {
        for (int y = 0; y < size.getRows(); y++) {
            for (int x = 0; x < size.getColumns(); x++) {
                TextCharacter c = g.getCharacter(x, y);
                if (c == null) {
                    continue;
                }
                TextCharacter plain = c.withForegroundColor(TextColor.ANSI.DEFAULT).withBackgroundColor(TextColor.ANSI.DEFAULT);
                if (c.getBackgroundColor() != TextColor.ANSI.DEFAULT) {
                    plain = plain.withModifier(SGR.REVERSE);
                }
                g.setCharacter(x, y, plain);
            }
        }
    }
}
