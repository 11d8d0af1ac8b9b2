package dev.tend.daemon.core.health;

import java.util.Locale;
import java.util.Map;

/**
 * Sizes as `max_memory` takes them: a whole number and a unit, binary (1 KiB = 1024 B). B, KiB, MiB, GiB as IEC
 * writes them; K, M, G (and KB, MB, GB) as pm2 and docker write them, meaning the same powers of 1024. A bare number
 * is refused: "512" is far more likely meant as MiB than as bytes.
 */
public final class MemorySize {

    private static final long KIB = 1024;
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("b", 1L),
            Map.entry("k", KIB), Map.entry("kb", KIB), Map.entry("kib", KIB),
            Map.entry("m", KIB * KIB), Map.entry("mb", KIB * KIB), Map.entry("mib", KIB * KIB),
            Map.entry("g", KIB * KIB * KIB), Map.entry("gb", KIB * KIB * KIB), Map.entry("gib", KIB * KIB * KIB));

    private MemorySize() {
    }

    /**
     * @return the size in bytes
     * @throws IllegalArgumentException with what is wrong, for a message after the file and line
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim();
        int digits = 0;
        while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
            digits++;
        }
        String unit = t.substring(digits).trim().toLowerCase(Locale.ROOT);
        if (digits == 0 || (!unit.isEmpty() && !UNITS.containsKey(unit))) {
            throw new IllegalArgumentException("'" + t + "' is not a size (expected a whole number and a unit, "
                    + "like 512MiB or 1G; units B, KiB, MiB, GiB, K, M, G)");
        }
        long number;
        try {
            number = Long.parseLong(t.substring(0, digits));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "' is too large");
        }
        if (number == 0) {
            throw new IllegalArgumentException("'" + t + "' is no memory at all; leave max_memory out for no limit");
        }
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("'" + t + "' has no unit (did you mean " + t + "MiB?)");
        }
        long factor = UNITS.get(unit);
        if (number > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("'" + t + "' is too large");
        }
        return number * factor;
    }

    /** "512 MiB", "1.5 GiB", "900 KiB", "12 B": in the largest unit it reaches, whole below GiB. */
    public static String format(long bytes) {
        if (bytes >= KIB * KIB * KIB) {
            double g = bytes / (double) (KIB * KIB * KIB);
            return g == Math.rint(g) ? (long) g + " GiB" : String.format(Locale.ROOT, "%.1f GiB", g);
        }
        if (bytes >= KIB * KIB) {
            return Math.round(bytes / (double) (KIB * KIB)) + " MiB";
        }
        if (bytes >= KIB) {
            return Math.round(bytes / (double) KIB) + " KiB";
        }
        return bytes + " B";
    }
}
