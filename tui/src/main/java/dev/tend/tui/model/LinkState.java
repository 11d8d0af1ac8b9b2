package dev.tend.tui.model;

/** How this peer is connected to the daemon, as the status bar says it. */
public enum LinkState {
    /** Looking for (or starting) the daemon. */
    CONNECTING("connecting"),
    /** Subscribed: every change arrives as a notification. */
    LIVE("live"),
    /** The daemon has no events.subscribe: the state is re-read every second. */
    POLLING("polling"),
    /** Connected, but the daemon answers nothing (stopped by a signal, or hung): what is on screen may be stale. */
    SILENT("not answering"),
    /** No daemon answers; retrying. */
    DISCONNECTED("disconnected");

    private final String label;

    LinkState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
