package dev.tend.daemon;

import java.util.ArrayList;
import java.util.List;

/** What this start of the daemon did that the user must hear of, handed to the first client that says hello. */
final class StartNotices {
    private final List<String> pending = new ArrayList<>();

    synchronized void add(String notice) {
        pending.add(notice);
    }

    /** The notices not handed out yet; each is handed out once. */
    synchronized List<String> takeAll() {
        List<String> all = List.copyOf(pending);
        pending.clear();
        return all;
    }
}
