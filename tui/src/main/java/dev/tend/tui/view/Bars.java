package dev.tend.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.tend.tui.model.DaemonModel;
import dev.tend.tui.model.ServiceRow;
import dev.tend.tui.model.UiState;

/** The title bar (scope, counts, filter, messages) and the status bar (link, daemon, instance, seq). */
final class Bars {
    private Bars() {
    }

    static void drawTitle(TextGraphics g, Layout l, Screenful f) {
        UiState ui = f.ui();
        int up = 0;
        int services = 0;
        for (ServiceRow r : f.visible()) {
            if (r.isGroup()) {
                continue; // a summary of rows counted on their own
            }
            services++;
            if (r.state().equals("running") || r.state().equals("ready")) {
                up++;
            }
        }
        StringBuilder sb = new StringBuilder(" tend  ");
        sb.append(ui.scope() == null ? "all projects" : "project " + ui.scope());
        sb.append("  ").append(up).append('/').append(services).append(" up");
        if (!ui.filter().isEmpty()) {
            sb.append("  filter /").append(ui.filter());
        }
        g.setBackgroundColor(Theme.BAR_BG);
        g.setForegroundColor(Theme.BAR_FG);
        g.enableModifiers(SGR.BOLD);
        g.putString(0, 0, Format.fit(sb.toString(), l.width()));
        g.disableModifiers(SGR.BOLD);
        String flash = ui.flash();
        if (flash != null) {
            int room = l.width() - sb.length() - 2;
            if (room > 10) {
                String text = Format.fitRight(Format.fit(flash, Math.min(room, flash.length())) + " ", room);
                g.setForegroundColor(ui.flashIsError() ? Theme.ERROR : Theme.OK);
                g.putString(l.width() - room, 0, text);
            }
        }
        g.setBackgroundColor(Theme.TEXT);
    }

    static void drawStatus(TextGraphics g, Layout l, Screenful f) {
        int y = l.statusRow();
        UiState ui = f.ui();
        g.setBackgroundColor(Theme.BAR_BG);
        if (ui.overlay() == UiState.Overlay.FILTER) {
            g.setForegroundColor(Theme.BAR_FG);
            g.putString(0, y, Format.fit("/" + ui.filterBeingEdited() + "_   (Enter keeps, Esc clears)", l.width()));
            g.setBackgroundColor(Theme.TEXT);
            return;
        }
        DaemonModel.State s = f.state();
        String link = " " + s.link().label() + " ";
        g.setForegroundColor(Theme.link(s.link()));
        g.enableModifiers(SGR.BOLD);
        g.putString(0, y, link);
        g.disableModifiers(SGR.BOLD);
        StringBuilder sb = new StringBuilder();
        if (!s.linkDetail().isEmpty()) {
            sb.append(s.linkDetail()).append(" | ");
        }
        sb.append("tend ").append(s.daemonVersion() == null ? "?" : s.daemonVersion());
        sb.append(" | instance ").append(s.instance() == null ? "?" : s.instance());
        sb.append(" | seq ").append(s.seq() < 0 ? "-" : Long.toString(s.seq()));
        String help = " ? help  q quit ";
        int room = l.width() - link.length();
        g.setForegroundColor(Theme.BAR_FG);
        String body = " " + sb;
        if (room - body.length() >= help.length()) {
            body = Format.fit(body, room - help.length()) + help;
        }
        g.putString(link.length(), y, Format.fit(body, room));
        g.setBackgroundColor(Theme.TEXT);
    }
}
