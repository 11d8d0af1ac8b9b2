package dev.tend.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A daemon that starts, answers and stops with nothing wrong has nothing to warn about (`tend doctor` reads its log). */
class CleanStartIT {
    private static final Pattern WARN_OR_WORSE = Pattern.compile("\"level\":\"(WARN|ERROR)\"");

    @Test
    void aCleanStartAndStopLogsNothingAtWarnOrAbove() throws Exception {
        try (TendHome tend = new TendHome()) {
            assertEquals(0, tend.tend("daemon", "status").exit());
            assertEquals(0, tend.tend("ps", "--all").exit());
            assertEquals(0, tend.tend("daemon", "stop").exit());
            TendHome.waitUntil("the daemon is gone", () -> tend.daemons().isEmpty());
            List<String> log = Files.readAllLines(tend.stateDir().resolve("daemon.log"));
            assertTrue(log.stream().anyMatch(l -> l.contains("stopped")), "the log of a whole run: " + log);
            List<String> bad = log.stream().filter(l -> WARN_OR_WORSE.matcher(l).find()).toList();
            assertTrue(bad.isEmpty(), "daemon.log of a clean start and stop:\n" + String.join("\n", bad));
        }
    }
}
