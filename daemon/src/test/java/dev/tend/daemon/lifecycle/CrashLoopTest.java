package dev.tend.daemon.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrashLoopTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("quick-deaths");
    }

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    /** One daemon's life: it starts at `start` and dies of a bug `after` later. */
    private CrashLoop liveAndDie(Instant start, Duration after, String why) {
        Instant[] now = {start};
        Clock clock = new Clock() {
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now[0];
            }
        };
        CrashLoop loop = CrashLoop.atStart(file(), clock);
        now[0] = start.plus(after);
        loop.died(why);
        return loop;
    }

    @Test
    void twoQuickDeathsInARowTripTheThirdStart() {
        assertFalse(liveAndDie(T0, Duration.ofSeconds(20), "thread a died of X").tripped().isPresent());
        assertFalse(liveAndDie(T0.plusSeconds(60), Duration.ofSeconds(20), "thread b died of Y").tripped().isPresent());
        CrashLoop third = CrashLoop.atStart(file(), at(T0.plusSeconds(120)));
        String why = third.tripped().orElseThrow();
        assertTrue(why.startsWith("the last 2 daemons died of a bug within 5 minutes of starting (the last: thread b "
                + "died of Y;"), why);
        assertTrue(why.endsWith("`tend up` in a project, or `tend start NAME`, starts them"), why);
    }

    @Test
    void aDeathLongAfterTheStartBreaksTheRow() {
        liveAndDie(T0, Duration.ofSeconds(20), "quick");
        liveAndDie(T0.plusSeconds(60), Duration.ofMinutes(5), "late");
        assertFalse(CrashLoop.atStart(file(), at(T0.plusSeconds(900))).tripped().isPresent());
    }

    @Test
    void aDaemonThatDoesNotDieOfABugBreaksTheRow() {
        liveAndDie(T0, Duration.ofSeconds(20), "quick");
        CrashLoop.atStart(file(), at(T0.plusSeconds(60))); // stopped cleanly later: nothing written
        liveAndDie(T0.plusSeconds(600), Duration.ofSeconds(20), "quick again");
        assertFalse(CrashLoop.atStart(file(), at(T0.plusSeconds(700))).tripped().isPresent());
    }

    @Test
    void aTrippedDaemonThatDiesQuicklyAgainKeepsTheNextTripped() {
        liveAndDie(T0, Duration.ofSeconds(1), "1");
        liveAndDie(T0.plusSeconds(10), Duration.ofSeconds(1), "2");
        liveAndDie(T0.plusSeconds(20), Duration.ofSeconds(1), "3");
        assertTrue(CrashLoop.atStart(file(), at(T0.plusSeconds(30))).tripped().orElseThrow().startsWith("the last 3 "));
    }

    @Test
    void anUnreadableCountIsNoLoop() throws Exception {
        Files.writeString(file(), "many\n");
        assertFalse(CrashLoop.atStart(file(), at(T0)).tripped().isPresent());
        assertFalse(Files.exists(file()));
    }
}
