package dev.tend.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.tend.tui.model.LogEntry;
import dev.tend.tui.model.LogTarget;
import dev.tend.tui.model.UiState;

import java.time.ZoneId;
import java.util.List;

/** The log pane: a title row naming what it follows, then the newest lines that fit (or older, when scrolled). */
final class LogView {
    private LogView() {
    }

    static void draw(TextGraphics g, Layout l, Screenful f, ZoneId zone) {
        int w = l.width();
        LogTarget t = f.logs().target();
        List<LogEntry> lines = f.logs().lines();
        UiState ui = f.ui();
        boolean focused = ui.focus() == UiState.Focus.LOGS;
        String title = "logs: " + (t == null ? "-" : t.label())
                + (ui.logScroll() > 0 ? "  [scrolled back " + ui.logScroll() + ", End follows]" : "")
                + (f.logs().note().isEmpty() ? "" : "  (" + f.logs().note() + ")");
        g.setForegroundColor(focused ? Theme.ACCENT : Theme.DIM);
        g.enableModifiers(SGR.BOLD);
        String rule = "-- " + title + " ";
        g.putString(0, l.logTitleRow(), Format.fit(rule + "-".repeat(Math.max(0, w - rule.length())), w));
        g.disableModifiers(SGR.BOLD);

        int h = l.logHeight();
        int end = Math.max(0, lines.size() - ui.logScroll());
        int start = Math.max(0, end - h);
        boolean withNames = t != null && (t.wholeProject() || lines.stream().anyMatch(e -> !e.service().equals(t.service())));
        int nameWidth = 0;
        if (withNames) {
            for (int i = start; i < end; i++) {
                nameWidth = Math.max(nameWidth, lines.get(i).service().length());
            }
            nameWidth = Math.min(nameWidth, 16);
        }
        for (int i = 0; i < h; i++) {
            int y = l.logTop() + i;
            int idx = start + i;
            if (idx >= end) {
                g.putString(0, y, " ".repeat(w));
                continue;
            }
            LogEntry e = lines.get(idx);
            int x = 0;
            g.setForegroundColor(Theme.DIM);
            String clock = Format.clock(e.time(), zone) + " ";
            if (w >= 60) {
                g.putString(x, y, clock);
                x += clock.length();
            }
            if (withNames) {
                g.setForegroundColor(Theme.service(e.service()));
                g.putString(x, y, Format.fit(e.service(), nameWidth) + " | ");
                x += nameWidth + 3;
            }
            g.setForegroundColor(e.stderr() ? Theme.ERROR : Theme.TEXT);
            Text.put(g, x, y, Format.fit(Format.printable(e.text()), Math.max(0, w - x)));
        }
        if (lines.isEmpty() && h > 0 && t != null) {
            g.setForegroundColor(Theme.DIM);
            g.putString(2, l.logTop(), "(no log lines yet)");
        }
    }
}
