package dev.tend.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Times of job runs as the user reads them: in their zone, followed by its UTC offset where the zone has
 * daylight saving, so the two 01:30 of a night the clocks go back read apart ("01:30:00-04:00", "-05:00").
 * Pure.
 */
final class WallTime {
    private WallTime() {
    }

    /** @param pattern a DateTimeFormatter pattern without zone or offset */
    static String format(Instant t, ZoneId zone, String pattern) {
        boolean changes = !zone.getRules().isFixedOffset();
        return DateTimeFormatter.ofPattern(changes ? pattern + "xxx" : pattern).format(t.atZone(zone));
    }
}
