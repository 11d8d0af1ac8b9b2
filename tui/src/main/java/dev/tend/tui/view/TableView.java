package dev.tend.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.tend.tui.model.ServiceRow;
import dev.tend.tui.model.UiState;

import java.util.ArrayList;
import java.util.List;

/** The service table: fixed columns for numbers, the rest of the width for names (and, when wide, why). */
final class TableView {
    private record Column(String title, int width, boolean right) {
    }

    private TableView() {
    }

    static void draw(TextGraphics g, Layout l, Screenful f) {
        int w = l.width();
        boolean wide = w >= 110;
        List<Column> cols = new ArrayList<>();
        int fixed = 2 + 10 + 8 + 8 + (wide ? 9 : 4) + 7 + 7 + 6 + (w >= 96 ? 6 : 0);
        int rest = Math.max(10, w - fixed);
        int reasonWidth = wide ? rest / 3 : 0;
        int names = rest - reasonWidth;
        int projectWidth = Math.max(6, Math.min(20, names * 2 / 5));
        int nameWidth = Math.max(6, names - projectWidth);
        cols.add(new Column("PROJECT", projectWidth, false));
        cols.add(new Column("SERVICE", nameWidth, false));
        cols.add(new Column("STATE", 10, false));
        cols.add(new Column("PID", 8, false));
        cols.add(new Column("UPTIME", 8, false));
        cols.add(new Column(wide ? "RESTARTS" : "RST", wide ? 9 : 4, false));
        cols.add(new Column("CPU", 7, false));
        cols.add(new Column("MEM", 7, false));
        cols.add(new Column("READY", 6, false));
        if (w >= 96) {
            cols.add(new Column("PORT", 6, false));
        }
        if (wide) {
            cols.add(new Column("INFO", reasonWidth, false));
        }

        int row = l.tableTop();
        g.setForegroundColor(Theme.TEXT);
        g.setBackgroundColor(Theme.TEXT);
        g.enableModifiers(SGR.BOLD);
        StringBuilder header = new StringBuilder("  ");
        for (Column c : cols) {
            header.append(Format.fit(c.title(), c.width() - 1)).append(' ');
        }
        g.putString(0, row, Format.fit(header.toString(), w));
        g.disableModifiers(SGR.BOLD);

        List<ServiceRow> rows = f.visible();
        int body = l.tableBodyHeight();
        int sel = f.ui().selectedIndex(rows);
        int offset = sel >= body ? sel - body + 1 : 0;
        if (rows.isEmpty() && body > 0) {
            g.setForegroundColor(Theme.DIM);
            g.putString(2, row + 1, Format.fit(emptyText(f), w - 2));
        }
        for (int i = 0; i < body && offset + i < rows.size(); i++) {
            ServiceRow r = rows.get(offset + i);
            boolean selected = offset + i == sel;
            drawRow(g, row + 1 + i, w, cols, r, selected, f);
        }
        if (offset + body < rows.size() && body > 0) {
            g.setForegroundColor(Theme.DIM);
            String more = " +" + (rows.size() - offset - body) + " more ";
            g.putString(Math.max(0, w - more.length()), row + body, more);
        }
    }

    private static String emptyText(Screenful f) {
        if (!f.ui().filter().isEmpty()) {
            return "no service matches '" + f.ui().filter() + "' (/ to change, Esc in the prompt clears)";
        }
        if (f.state().services().isEmpty()) {
            return "no services: run `tend up` in a project directory";
        }
        return "no services in project " + f.ui().scope() + " (p switches, a shows all)";
    }

    private static void drawRow(TextGraphics g, int y, int w, List<Column> cols, ServiceRow r, boolean selected, Screenful f) {
        UiState ui = f.ui();
        boolean marked = ui.isMarked(r.ref());
        if (selected && ui.focus() == UiState.Focus.TABLE) {
            g.enableModifiers(SGR.REVERSE);
        } else if (selected) {
            g.enableModifiers(SGR.BOLD);
        }
        g.setForegroundColor(Theme.TEXT);
        String[] cells = {
            r.project(), r.groupName() != null ? "  " + r.name() : r.name(), r.isGroup() ? r.summary() : r.state(), r.pid() == null || r.pid() <= 0 ? "-" : r.pid().toString(),
            Format.uptime(r, f.now()), Long.toString(r.restarts()),
            r.isUp() || r.isGroup() ? Format.cpu(r.cpuPercent()) : "-",
            r.isUp() || r.isGroup() ? Format.bytes(r.rssBytes()) : "-",
            Format.readiness(r), r.port() == null ? "-" : r.port().toString(), Format.printable(Format.why(r))};
        g.putString(0, y, (selected ? ">" : " ") + (marked ? "*" : " "));
        int x = 2;
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            g.setForegroundColor(i == 2 ? Theme.state(r.state()) : Theme.TEXT);
            Text.put(g, x, y, Format.fit(cells[i], c.width() - 1) + " ");
            x += c.width();
        }
        if (x < w) {
            g.putString(x, y, " ".repeat(w - x));
        }
        g.disableModifiers(SGR.REVERSE, SGR.BOLD);
    }
}
