package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A job that goes away is announced to subscribers as job.removed, whichever way it went. */
class JobEventsIT {
    private TendHome tend;

    @BeforeEach
    void start() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void stop() throws Exception {
        tend.close();
    }

    /** Reads notifications until one of the method comes; fails if none does. */
    private static Map<?, ?> awaitNotification(EventPeer sub, String method) throws Exception {
        while (true) {
            Map<?, ?> n = sub.next(30_000);
            assertNotNull(n, "no " + method + " came");
            if (method.equals(n.get("method"))) {
                return n;
            }
        }
    }

    private static List<?> snapshotJobNames(EventPeer sub) {
        List<?> jobs = (List<?>) ((Map<?, ?>) sub.result.get("snapshot")).get("jobs");
        return jobs.stream().map(j -> ((Map<?, ?>) j).get("project") + "/" + ((Map<?, ?>) j).get("name")).toList();
    }

    @Test
    void jobRmIsAnnouncedAsJobRemovedAndTheJobLeavesSnapshots() throws Exception {
        TendHome.Result add = tend.tend("job", "add", "hello", "--schedule", "@every 1h", "--", "true");
        assertEquals(0, add.exit(), add::toString);
        try (EventPeer sub = new EventPeer(tend.socket(), "{\"topics\":[\"job\"]}")) {
            assertEquals(List.of("adhoc/hello"), snapshotJobNames(sub));

            TendHome.Result rm = tend.tend("job", "rm", "hello");
            assertEquals(0, rm.exit(), rm::toString);

            Map<?, ?> removed = awaitNotification(sub, "job.removed");
            Map<?, ?> params = (Map<?, ?>) removed.get("params");
            assertEquals("adhoc", params.get("project"));
            assertEquals("hello", params.get("name"));
            assertTrue(EventPeer.seqOf(removed) > sub.seq(), "job.removed carries a seq after the snapshot's");
        }
        try (EventPeer later = new EventPeer(tend.socket(), "{\"topics\":[\"job\"]}")) {
            assertEquals(List.of(), snapshotJobNames(later));
        }
    }

    @Test
    void reloadThatDropsAndRenamesJobsAnnouncesThemAndReportsTheJobChanges() throws Exception {
        TendProject p = new TendProject(tend, "nightly", """
                project: nightly
                jobs:
                  backup:
                    schedule: "@daily"
                    command: "true"
                  report:
                    schedule: "@daily"
                    command: "true"
                """);
        p.ok("up");
        try (EventPeer sub = new EventPeer(tend.socket(), "{\"topics\":[\"job\"],\"filter\":{\"project\":\"nightly\"}}")) {
            p.write("""
                    project: nightly
                    jobs:
                      backup:
                        schedule: "@hourly"
                        command: "true"
                      summary:
                        schedule: "@daily"
                        command: "true"
                    """);

            TendHome.Result reload = p.ok("reload");
            assertTrue(reload.out().contains("project nightly: added job summary; changed job backup; removed job report"),
                    reload::toString);

            Map<?, ?> removed = awaitNotification(sub, "job.removed");
            assertEquals("report", ((Map<?, ?>) removed.get("params")).get("name"));
        }
        TendHome.Result unchanged = p.ok("reload");
        assertTrue(unchanged.out().contains("project nightly: nothing changed"), unchanged::toString);
    }
}
