package dev.tend.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import dev.tend.tui.model.JobRow;
import dev.tend.tui.model.ProjectRow;
import dev.tend.tui.model.UiState;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Boxes drawn over the main screen: help, project switcher, jobs, confirmation. */
final class Overlays {
    static final List<String> HELP = List.of(
            "Up/Down j/k  move          PgUp/PgDn  move a page",
            "Enter        focus the log pane (arrows scroll, End follows, Esc back)",
            "s / x / r    start / stop / restart the selected (or marked) services",
            "Space        mark a service;  S / X / R  act on every shown service",
            "l            log pane: selected service <-> its whole project",
            "/            filter by name (Enter keeps, Esc clears)",
            "p            switch project     a  all projects",
            "J            jobs (Enter runs the selected job now, p pauses/resumes it)",
            "c            connect now (starts the daemon if none runs)",
            "?            this help          q / Ctrl-C  quit");

    private Overlays() {
    }

    static void draw(TextGraphics g, Layout l, Screenful f, ZoneId zone) {
        UiState ui = f.ui();
        switch (ui.overlay()) {
            case HELP -> box(g, l, "keys (any key closes)", HELP, -1);
            case PROJECTS -> projects(g, l, f);
            case JOBS -> jobs(g, l, f, zone);
            case CONFIRM -> {
                if (ui.pending() != null) {
                    box(g, l, "confirm", List.of(ui.pending().question()), -1);
                }
            }
            default -> {
                // nothing over the main screen
            }
        }
    }

    private static void projects(TextGraphics g, Layout l, Screenful f) {
        List<String> lines = new ArrayList<>();
        lines.add("all projects");
        for (ProjectRow p : f.state().projects()) {
            lines.add(p.name() + "  (" + (p.problem() != null ? p.problem() : p.services().size() + (p.services().size() == 1 ? " service" : " services")) + ")"
                    + (p.dir() == null || p.problem() != null ? "" : "  " + p.dir()));
        }
        box(g, l, "project (Enter picks, Esc closes)", lines, f.ui().projectCursor());
    }

    private static void jobs(TextGraphics g, Layout l, Screenful f, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        List<JobRow> jobs = f.ui().jobs(f.state());
        if (!f.state().jobsSupported()) {
            lines.add("no jobs (this daemon has no job scheduler)");
        } else if (jobs.isEmpty()) {
            lines.add("no jobs" + (f.ui().scope() == null ? "" : " in project " + f.ui().scope()));
        } else {
            lines.add(String.format("%-24s %-16s %-12s %-9s %s", "JOB", "SCHEDULE", "NEXT RUN", "STATE", "LAST RESULT"));
            for (JobRow j : jobs) {
                String last = j.lastRun() == null ? "never run"
                        : j.lastRun().result() + " (" + Format.when(j.lastRun().startedAt(), f.now(), zone) + ")";
                lines.add(String.format("%-24s %-16s %-12s %-9s %s", Format.fit(j.project() + "/" + j.name(), 24),
                        Format.fit(j.schedule(), 16), Format.when(j.nextRun(), f.now(), zone), j.state(), last));
            }
        }
        box(g, l, "jobs (Enter runs now, p pauses/resumes, Esc closes)", lines, jobs.isEmpty() ? -1 : f.ui().jobCursor() + 1);
    }

    /** A bordered box in the middle of the screen; the line at `cursor` is highlighted. */
    private static void box(TextGraphics g, Layout l, String title, List<String> lines, int cursor) {
        int inner = title.length() + 4;
        for (String s : lines) {
            inner = Math.max(inner, s.length() + 2);
        }
        inner = Math.min(inner, l.width() - 4);
        int height = Math.min(lines.size(), Math.max(1, l.height() - 4));
        int x = Math.max(0, (l.width() - inner - 2) / 2);
        int y = Math.max(0, (l.height() - height - 2) / 2);
        int first = cursor >= height ? cursor - height + 1 : 0;
        g.setBackgroundColor(TextColor.ANSI.BLACK);
        g.setForegroundColor(Theme.ACCENT);
        String top = "+- " + title + " " + "-".repeat(Math.max(0, inner - title.length() - 3)) + "+";
        g.putString(x, y, Format.fit(top, inner + 2));
        for (int i = 0; i < height; i++) {
            int idx = first + i;
            g.setForegroundColor(Theme.ACCENT);
            g.putString(x, y + 1 + i, "|");
            g.putString(x + inner + 1, y + 1 + i, "|");
            g.setForegroundColor(TextColor.ANSI.WHITE_BRIGHT);
            if (idx == cursor) {
                g.enableModifiers(SGR.REVERSE);
            }
            Text.put(g, x + 1, y + 1 + i, Format.fit(" " + Format.printable(lines.get(idx)), inner));
            g.disableModifiers(SGR.REVERSE);
        }
        g.setForegroundColor(Theme.ACCENT);
        g.putString(x, y + height + 1, "+" + "-".repeat(inner) + "+");
        g.setBackgroundColor(Theme.TEXT);
    }
}
