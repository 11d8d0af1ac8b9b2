package dev.tend.daemon.store;

/**
 * How much history is kept: the newest {@code keepPerService} rows of each (project, service). Pruning
 * runs on every {@code pruneEvery}-th append to a service rather than on each one, so a service can
 * briefly hold up to keepPerService + pruneEvery - 1 rows (plus whatever it had when the store opened,
 * until its first prune).
 */
record HistoryRetention(int keepPerService, int pruneEvery) {

    static final HistoryRetention DEFAULT = new HistoryRetention(1000, 100);

    HistoryRetention {
        if (keepPerService < 1 || pruneEvery < 1) {
            throw new IllegalArgumentException("history retention needs keepPerService >= 1 and pruneEvery >= 1, got "
                    + keepPerService + " and " + pruneEvery);
        }
    }
}
