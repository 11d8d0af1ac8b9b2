package dev.tend.daemon.rpc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one format of an instant on the wire: ISO-8601 in UTC with exactly three fraction digits
 * ({@code 2026-12-04T15:44:09.000Z}, the schema's Timestamp). Instant.toString drops a zero fraction and keeps up to
 * nine digits, so peers saw three shapes of one kind of value.
 */
final class WireTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    /** The instant as the wire writes it; null stays null. */
    static String of(Instant t) {
        return t == null ? null : FORMAT.format(t);
    }
}
