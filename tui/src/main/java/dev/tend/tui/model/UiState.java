package dev.tend.tui.model;

import dev.tend.protocol.ReplicaNames;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the user is looking at: scope, filter, selection, marks, focus, overlays. Pure data, touched only by
 * the UI thread; the views read it together with a {@link DaemonModel.State}.
 */
public final class UiState {
    public enum Focus { TABLE, LOGS }

    public enum Overlay { NONE, HELP, PROJECTS, JOBS, FILTER, CONFIRM }

    /** An action on several services waiting for the user's y/n. */
    public record Pending(String verb, List<String> refs) {
        public String question() {
            return verb + " " + refs.size() + " services (" + String.join(", ", refs.size() > 4 ? refs.subList(0, 4) : refs)
                    + (refs.size() > 4 ? ", ..." : "") + ")? y/n";
        }
    }

    private static final Duration FLASH_TIME = Duration.ofSeconds(6);

    private final Clock clock;
    private String scope;          // a project's name, or null for every project
    private Path scopeDir;         // until resolved: pick the project whose dir holds this one
    private String filter = "";
    private final StringBuilder filterEdit = new StringBuilder();
    private String selected;       // a service ref
    private final Set<String> marked = new LinkedHashSet<>();
    private Focus focus = Focus.TABLE;
    private Overlay overlay = Overlay.NONE;
    private int projectCursor;
    private int jobCursor;
    private boolean projectLogs;
    private int logScroll;
    private Pending pending;
    private String flash;
    private boolean flashIsError;
    private Instant flashAt = Instant.EPOCH;

    /**
     * @param scope    the project to show, or null for all
     * @param scopeDir when scope is null and this is not: show the project whose directory holds it, if any
     */
    public UiState(Clock clock, String scope, Path scopeDir) {
        this.clock = clock;
        this.scope = scope;
        this.scopeDir = scope == null ? scopeDir : null;
    }

    // ------------------------------------------------------------------ scope and filter

    public String scope() {
        return scope;
    }

    public void setScope(String project) {
        scope = project;
        scopeDir = null;
        marked.clear();
    }

    /** Once the projects are known, a scope given as a directory becomes that project (or all projects). */
    public void resolveScope(List<ProjectRow> projects) {
        if (scopeDir == null || projects.isEmpty()) {
            return;
        }
        ProjectRow best = null;
        for (ProjectRow p : projects) {
            if (p.dir() == null) {
                continue;
            }
            Path d = Path.of(p.dir()).toAbsolutePath().normalize();
            if (scopeDir.startsWith(d) && (best == null || d.getNameCount() > Path.of(best.dir()).getNameCount())) {
                best = p;
            }
        }
        scope = best == null ? null : best.name();
        scopeDir = null;
    }

    public String filter() {
        return filter;
    }

    public String filterBeingEdited() {
        return filterEdit.toString();
    }

    public void startFilter() {
        filterEdit.setLength(0);
        filterEdit.append(filter);
        overlay = Overlay.FILTER;
    }

    public void typeFilter(char c) {
        filterEdit.append(c);
        filter = filterEdit.toString();
    }

    public void backspaceFilter() {
        if (!filterEdit.isEmpty()) {
            filterEdit.setLength(filterEdit.length() - 1);
        }
        filter = filterEdit.toString();
    }

    public void endFilter(boolean keep) {
        if (!keep) {
            filter = "";
        }
        overlay = Overlay.NONE;
    }

    /**
     * The services in scope whose name matches the filter, in the daemon's order; a replicated service's copies
     * under a row of their group (built from all its copies in scope, so its summary is true while filtered).
     */
    public List<ServiceRow> visible(DaemonModel.State s) {
        String f = filter.toLowerCase(Locale.ROOT);
        Map<String, List<ServiceRow>> groups = new LinkedHashMap<>();
        List<ServiceRow> inScope = new ArrayList<>();
        for (ServiceRow r : s.services()) {
            if (scope == null || scope.equals(r.project())) {
                inScope.add(r);
                if (r.groupName() != null) {
                    groups.computeIfAbsent(r.project() + "/" + r.groupName(), g -> new ArrayList<>()).add(r);
                }
            }
        }
        List<ServiceRow> rows = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (ServiceRow r : inScope) {
            if (!matches(r, f)) {
                continue;
            }
            String group = r.groupName() == null ? null : r.project() + "/" + r.groupName();
            if (group == null) {
                rows.add(r);
            } else if (shown.add(group)) { // the group's row, then its copies that match, by number
                List<ServiceRow> copies = groups.get(group);
                copies.sort(Comparator.comparingInt(c -> ReplicaNames.indexOf(c.name())));
                rows.add(ServiceRow.group(r.project(), r.groupName(), copies));
                copies.stream().filter(c -> matches(c, f)).forEach(rows::add);
            }
        }
        return rows;
    }

    private static boolean matches(ServiceRow r, String lowerCaseFilter) {
        return lowerCaseFilter.isEmpty() || r.ref().toLowerCase(Locale.ROOT).contains(lowerCaseFilter);
    }

    /** The jobs of the projects in scope. */
    public List<JobRow> jobs(DaemonModel.State s) {
        List<JobRow> out = new ArrayList<>();
        for (JobRow j : s.jobs()) {
            if (scope == null || scope.equals(j.project())) {
                out.add(j);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ selection

    /** The selected row among these, falling back to the first when the selected one is gone or hidden. */
    public int selectedIndex(List<ServiceRow> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).ref().equals(selected)) {
                return i;
            }
        }
        return rows.isEmpty() ? -1 : 0;
    }

    public ServiceRow selectedRow(List<ServiceRow> rows) {
        int i = selectedIndex(rows);
        return i < 0 ? null : rows.get(i);
    }

    public void move(List<ServiceRow> rows, int delta) {
        if (rows.isEmpty()) {
            return;
        }
        int i = Math.max(0, Math.min(rows.size() - 1, selectedIndex(rows) + delta));
        selected = rows.get(i).ref();
    }

    public void select(String ref) {
        selected = ref;
    }

    public void toggleMark(List<ServiceRow> rows) {
        ServiceRow r = selectedRow(rows);
        if (r != null && !marked.remove(r.ref())) {
            marked.add(r.ref());
        }
    }

    public boolean isMarked(String ref) {
        return marked.contains(ref);
    }

    public void clearMarks() {
        marked.clear();
    }

    /** What s/x/r act on: the marked services that are visible, else the selected one. */
    public List<String> targets(List<ServiceRow> rows) {
        List<String> t = new ArrayList<>();
        for (ServiceRow r : rows) {
            if (marked.contains(r.ref())) {
                t.add(r.ref());
            }
        }
        if (t.isEmpty()) {
            ServiceRow r = selectedRow(rows);
            if (r != null) {
                t.add(r.ref());
            }
        }
        return t;
    }

    // ------------------------------------------------------------------ logs

    public LogTarget logTarget(List<ServiceRow> rows) {
        ServiceRow r = selectedRow(rows);
        if (r == null) {
            return scope == null ? null : LogTarget.project(scope);
        }
        return projectLogs ? LogTarget.project(r.project()) : LogTarget.service(r.project(), r.name());
    }

    public boolean projectLogs() {
        return projectLogs;
    }

    public void toggleProjectLogs() {
        projectLogs = !projectLogs;
        logScroll = 0;
    }

    /** Lines scrolled back from the newest; 0 follows the tail. */
    public int logScroll() {
        return logScroll;
    }

    public void scrollLogs(int delta, int available) {
        logScroll = Math.max(0, Math.min(Math.max(0, available), logScroll + delta));
    }

    public void followLogs() {
        logScroll = 0;
    }

    // ------------------------------------------------------------------ focus and overlays

    public Focus focus() {
        return focus;
    }

    public void focus(Focus f) {
        focus = f;
    }

    public Overlay overlay() {
        return overlay;
    }

    public void open(Overlay o) {
        overlay = o;
        if (o == Overlay.PROJECTS || o == Overlay.JOBS) {
            projectCursor = 0;
            jobCursor = 0;
        }
    }

    public void close() {
        overlay = Overlay.NONE;
        pending = null;
    }

    public int projectCursor() {
        return projectCursor;
    }

    /** The switcher lists "all projects" first, then each project. */
    public void moveProjectCursor(int delta, int projectCount) {
        projectCursor = Math.max(0, Math.min(projectCount, projectCursor + delta));
    }

    public int jobCursor() {
        return jobCursor;
    }

    public void moveJobCursor(int delta, int jobCount) {
        jobCursor = Math.max(0, Math.min(Math.max(0, jobCount - 1), jobCursor + delta));
    }

    public Pending pending() {
        return pending;
    }

    public void ask(Pending p) {
        pending = p;
        overlay = Overlay.CONFIRM;
    }

    /** Takes the pending action away (the user answered). */
    public Pending answer() {
        Pending p = pending;
        pending = null;
        overlay = Overlay.NONE;
        return p;
    }

    // ------------------------------------------------------------------ messages

    public void flash(String message, boolean error) {
        flash = message;
        flashIsError = error;
        flashAt = clock.instant();
    }

    /** The latest message while it is fresh, else null. */
    public String flash() {
        if (flash == null || clock.instant().isAfter(flashAt.plus(FLASH_TIME))) {
            return null;
        }
        return flash;
    }

    public boolean flashIsError() {
        return flashIsError;
    }

    public Clock clock() {
        return clock;
    }
}
