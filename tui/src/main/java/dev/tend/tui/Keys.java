package dev.tend.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.tend.protocol.Methods;
import dev.tend.tui.model.JobRow;
import dev.tend.tui.model.ProjectRow;
import dev.tend.tui.model.ServiceRow;
import dev.tend.tui.model.UiState;
import dev.tend.tui.view.Screenful;

import java.util.ArrayList;
import java.util.List;

/** What each key does, given the current frame's data. Returns false when the user wants out. */
final class Keys {
    private final Actions actions;

    Keys(Actions actions) {
        this.actions = actions;
    }

    /** @param page rows a PgUp/PgDn moves */
    boolean handle(KeyStroke k, Screenful f, int page, int logPage) {
        UiState ui = f.ui();
        if (k.getKeyType() == KeyType.EOF) {
            return false;
        }
        Character c = k.getKeyType() == KeyType.Character ? k.getCharacter() : null;
        if (c != null && k.isCtrlDown() && (c == 'c' || c == 'C')) {
            return false;
        }
        switch (ui.overlay()) {
            case HELP -> {
                ui.close();
                return true;
            }
            case FILTER -> {
                filterKey(k, c, ui);
                return true;
            }
            case CONFIRM -> {
                confirmKey(c, ui);
                return true;
            }
            case PROJECTS -> {
                projectKey(k, c, f);
                return true;
            }
            case JOBS -> {
                jobKey(k, c, f);
                return true;
            }
            default -> {
                // the main screen
            }
        }
        if (c != null && (c == 'q' || c == 'Q') && !k.isCtrlDown()) {
            return false;
        }
        if (ui.focus() == UiState.Focus.LOGS && logKey(k, c, f, logPage)) {
            return true;
        }
        List<ServiceRow> rows = f.visible();
        switch (k.getKeyType()) {
            case ArrowUp -> ui.move(rows, -1);
            case ArrowDown -> ui.move(rows, 1);
            case PageUp -> ui.move(rows, -page);
            case PageDown -> ui.move(rows, page);
            case Home -> ui.move(rows, -rows.size());
            case End -> ui.move(rows, rows.size());
            case Enter -> {
                ui.focus(UiState.Focus.LOGS);
                ui.followLogs();
            }
            case Escape -> ui.clearMarks();
            case Character -> character(c, f);
            default -> {
                // other keys do nothing
            }
        }
        return true;
    }

    private void character(char c, Screenful f) {
        UiState ui = f.ui();
        List<ServiceRow> rows = f.visible();
        switch (c) {
            case 'j' -> ui.move(rows, 1);
            case 'k' -> ui.move(rows, -1);
            case 'g' -> ui.move(rows, -rows.size());
            case 'G' -> ui.move(rows, rows.size());
            case ' ' -> {
                ui.toggleMark(rows);
                ui.move(rows, 1);
            }
            case 's' -> act(Methods.SERVICE_START, ui.targets(rows), ui);
            case 'x' -> act(Methods.SERVICE_STOP, ui.targets(rows), ui);
            case 'r' -> act(Methods.SERVICE_RESTART, ui.targets(rows), ui);
            case 'S' -> act(Methods.SERVICE_START, refs(rows), ui);
            case 'X' -> act(Methods.SERVICE_STOP, refs(rows), ui);
            case 'R' -> act(Methods.SERVICE_RESTART, refs(rows), ui);
            case 'l' -> ui.toggleProjectLogs();
            case '/' -> ui.startFilter();
            case 'p' -> ui.open(UiState.Overlay.PROJECTS);
            case 'a' -> ui.setScope(null);
            case 'J' -> ui.open(UiState.Overlay.JOBS);
            case '?', 'h' -> ui.open(UiState.Overlay.HELP);
            case 'c' -> {
                actions.connectNow();
                ui.flash("connecting...", false);
            }
            default -> {
                // unbound
            }
        }
    }

    /** One service acts at once; several (marked, or all shown) ask first when stopping or restarting. */
    private void act(String method, List<String> refs, UiState ui) {
        if (refs.isEmpty()) {
            ui.flash("no service selected", true);
            return;
        }
        String verb = switch (method) {
            case Methods.SERVICE_START -> "start";
            case Methods.SERVICE_STOP -> "stop";
            default -> "restart";
        };
        if (refs.size() > 1 && !method.equals(Methods.SERVICE_START)) {
            ui.ask(new UiState.Pending(verb, refs));
            return;
        }
        run(verb, refs, ui);
    }

    private void run(String verb, List<String> refs, UiState ui) {
        String method = switch (verb) {
            case "start" -> Methods.SERVICE_START;
            case "stop" -> Methods.SERVICE_STOP;
            default -> Methods.SERVICE_RESTART;
        };
        String doing = switch (verb) {
            case "start" -> "starting ";
            case "stop" -> "stopping ";
            default -> "restarting ";
        };
        ui.flash(doing + (refs.size() == 1 ? refs.get(0) : refs.size() + " services") + "...", false);
        ui.clearMarks();
        actions.services(method, refs);
    }

    private static List<String> refs(List<ServiceRow> rows) {
        List<String> refs = new ArrayList<>();
        for (ServiceRow r : rows) {
            if (!r.isGroup()) { // its copies are rows of their own
                refs.add(r.ref());
            }
        }
        return refs;
    }

    private boolean logKey(KeyStroke k, Character c, Screenful f, int logPage) {
        UiState ui = f.ui();
        int available = Math.max(0, f.logs().lines().size() - logPage);
        switch (k.getKeyType()) {
            case ArrowUp -> ui.scrollLogs(1, available);
            case ArrowDown -> ui.scrollLogs(-1, available);
            case PageUp -> ui.scrollLogs(logPage, available);
            case PageDown -> ui.scrollLogs(-logPage, available);
            case Home -> ui.scrollLogs(available, available);
            case End -> ui.followLogs();
            case Escape, Tab, Enter -> ui.focus(UiState.Focus.TABLE);
            case Character -> {
                switch (c) {
                    case 'k' -> ui.scrollLogs(1, available);
                    case 'j' -> ui.scrollLogs(-1, available);
                    case 'G', 'f' -> ui.followLogs();
                    default -> {
                        return false; // the table's keys still work while reading logs
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void filterKey(KeyStroke k, Character c, UiState ui) {
        switch (k.getKeyType()) {
            case Enter -> ui.endFilter(true);
            case Escape -> ui.endFilter(false);
            case Backspace -> ui.backspaceFilter();
            case Character -> ui.typeFilter(c);
            default -> {
                // ignored while typing
            }
        }
    }

    private void confirmKey(Character c, UiState ui) {
        UiState.Pending p = ui.answer();
        if (p != null && c != null && (c == 'y' || c == 'Y')) {
            run(p.verb(), p.refs(), ui);
        } else {
            ui.flash("cancelled", false);
        }
    }

    private void projectKey(KeyStroke k, Character c, Screenful f) {
        UiState ui = f.ui();
        List<ProjectRow> projects = f.state().projects();
        switch (k.getKeyType()) {
            case ArrowUp -> ui.moveProjectCursor(-1, projects.size());
            case ArrowDown -> ui.moveProjectCursor(1, projects.size());
            case Escape -> ui.close();
            case Enter -> {
                int i = ui.projectCursor();
                ui.setScope(i == 0 || i > projects.size() ? null : projects.get(i - 1).name());
                ui.close();
            }
            case Character -> {
                if (c == 'j') {
                    ui.moveProjectCursor(1, projects.size());
                } else if (c == 'k') {
                    ui.moveProjectCursor(-1, projects.size());
                } else if (c == 'q' || c == 'p') {
                    ui.close();
                }
            }
            default -> {
                // ignored
            }
        }
    }

    private void jobKey(KeyStroke k, Character c, Screenful f) {
        UiState ui = f.ui();
        List<JobRow> jobs = ui.jobs(f.state());
        switch (k.getKeyType()) {
            case ArrowUp -> ui.moveJobCursor(-1, jobs.size());
            case ArrowDown -> ui.moveJobCursor(1, jobs.size());
            case Escape -> ui.close();
            case Enter -> {
                if (!jobs.isEmpty()) {
                    JobRow j = jobs.get(Math.min(ui.jobCursor(), jobs.size() - 1));
                    ui.flash("running job " + j.key() + "...", false);
                    actions.runJob(j.project(), j.name());
                }
            }
            case Character -> {
                if (c == 'j') {
                    ui.moveJobCursor(1, jobs.size());
                } else if (c == 'k') {
                    ui.moveJobCursor(-1, jobs.size());
                } else if (c == 'p' && !jobs.isEmpty()) {
                    JobRow j = jobs.get(Math.min(ui.jobCursor(), jobs.size() - 1));
                    boolean pause = !j.paused();
                    ui.flash((pause ? "pausing job " : "resuming job ") + j.key() + "...", false);
                    actions.pauseJob(j.project(), j.name(), pause);
                } else if (c == 'q' || c == 'J') {
                    ui.close();
                }
            }
            default -> {
                // ignored
            }
        }
    }
}
