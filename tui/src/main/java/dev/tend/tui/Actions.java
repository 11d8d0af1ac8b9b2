package dev.tend.tui;

import dev.tend.tui.model.LogTarget;

import java.util.List;

/** What the screen asks of the daemon side; the network classes do it, off the UI thread. */
public interface Actions {
    /** service.start / service.stop / service.restart for each ref. */
    void services(String method, List<String> refs);

    void runJob(String project, String name);

    /** job.pause (pause true) or job.resume. */
    void pauseJob(String project, String name, boolean pause);

    /** The log pane now shows this target (null: nothing). */
    void followLogs(LogTarget target);

    /** Connect at once, starting the daemon if none runs. */
    void connectNow();
}
