package dev.tend.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;

import java.time.ZoneId;

/** Draws one whole frame from a {@link Screenful}; knows nothing about where the data came from. */
public final class Renderer {
    private final ZoneId zone;

    public Renderer(ZoneId zone) {
        this.zone = zone;
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
    }
}
