package dev.tend.daemon.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A breaker for a daemon that keeps dying of the same bug. A daemon whose thread dies of an uncaught exception
 * shuts down cleanly ({@link DyingThreads}) and the next command starts a fresh one, which restores the projects and
 * starts their services; if the bug strikes again, every service of every project is stopped and started again at
 * each command. So each death soon after a start is counted in a file, and a daemon that finds {@link #TRIP} such
 * deaths in a row before it restores nothing: the projects are registered, their desired state kept, but no service
 * is started until the user asks (`tend up`, `tend start`), and the first client is told why. A daemon that lives
 * longer than {@link #QUICK}, or dies of a bug later, breaks the row: the count is read and removed at each start.
 */
public final class CrashLoop {
    /** A death of a bug this soon after the start counts toward a loop. */
    public static final Duration QUICK = Duration.ofMinutes(5);
    /** Deaths in a row after which services are not started. */
    public static final int TRIP = 2;

    private final Path file;
    private final Clock clock;
    private final Instant startedAt;
    private final int before;
    private final String lastWhy;

    private CrashLoop(Path file, Clock clock, Instant startedAt, int before, String lastWhy) {
        this.file = file;
        this.clock = clock;
        this.startedAt = startedAt;
        this.before = before;
        this.lastWhy = lastWhy;
    }

    /** Reads (and removes) the count the daemons before this one left. */
    public static CrashLoop atStart(Path file, Clock clock) {
        int count = 0;
        String why = "";
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            count = lines.isEmpty() ? 0 : Math.max(0, Integer.parseInt(lines.get(0).strip()));
            why = lines.size() > 1 ? lines.get(1) : "";
            Files.deleteIfExists(file);
        } catch (IOException | NumberFormatException | SecurityException e) {
            deleteQuietly(file); // none (the usual case), or unreadable: no loop is assumed
        }
        return new CrashLoop(file, clock, clock.instant(), count, why);
    }

    /** Why this daemon starts no service, when the daemons before it died of a bug {@link #TRIP} times in a row. */
    public Optional<String> tripped() {
        if (before < TRIP) {
            return Optional.empty();
        }
        return Optional.of("the last " + before + " daemons died of a bug within " + QUICK.toMinutes()
                + " minutes of starting (the last: " + lastWhy + "; see `tend daemon logs`), so this one started no "
                + "service: `tend up` in a project, or `tend start NAME`, starts them");
    }

    /** This daemon dies of a bug: soon after its start, the row grows by one (best effort: the disk may be full). */
    public void died(String why) {
        if (Duration.between(startedAt, clock.instant()).compareTo(QUICK) >= 0) {
            return;
        }
        try {
            Files.writeString(file, (before + 1) + "\n" + why.replace('\n', ' ') + "\n", StandardCharsets.UTF_8);
        } catch (IOException | SecurityException e) {
            // the next daemon starts its services as usual
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException | SecurityException e) {
            // left for the next start to read (and fail on) again
        }
    }
}
