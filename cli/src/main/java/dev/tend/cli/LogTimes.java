package dev.tend.cli;

import dev.tend.client.RpcError;
import dev.tend.protocol.ErrorCode;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times `tend logs --since/--until` accept, made into what logs.read takes: a duration ("10m", "1h30m": that
 * long ago) is passed on as is; a date or time is read in the user's zone and sent as an instant. Accepted: an
 * ISO time with Z or an offset, "2026-12-04", "2026-12-04 17:00", "2026-12-04T17:00:05.250", "17:00" and
 * "17:00:05" (today), "today", "yesterday" (their midnight). Anything else is a usage error that lists these.
 * Pure.
 */
final class LogTimes {
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    /** How logs.read refuses a duration it was passed as is: "bad 'since': bad duration '99999999d': too long …". */
    private static final Pattern REFUSED_DURATION = Pattern.compile("bad '(since|until)': bad duration (.*)");
    private static final Pattern REVERSED = Pattern.compile("'since' (.*) is after 'until' (.*): no line is between them");

    private LogTimes() {
    }

    /** @param option "--since" or "--until", for the error */
    static String resolve(String option, String value, ZoneId zone, ZonedDateTime now) {
        String v = value.trim();
        if (v.isEmpty() || DURATION.matcher(v).matches()) {
            return value;
        }
        ZonedDateTime local = local(v, zone, now);
        if (local != null) {
            return local.toInstant().toString();
        }
        try {
            return OffsetDateTime.parse(v.replace(' ', 'T')).toInstant().toString();
        } catch (DateTimeParseException notWithOffset) {
            throw new CliException(ExitCode.USAGE, "bad " + option + " '" + value + "': give a duration (10m, 1h30m: "
                    + "that long ago), a date (2026-12-04), a date and time ('2026-12-04 17:00'), a time of day "
                    + "(17:00), today, yesterday, or an ISO time with Z or an offset");
        }
    }

    /**
     * The daemon's refusal of a duration (checked there: the cap is its rule), in the user's words: it names the
     * parameter ('since'), the user gave the option (--since). Anything else is returned as it is.
     */
    static Exception asOption(Exception failure) {
        if (failure instanceof RpcError e && e.errorCode() == ErrorCode.INVALID_PARAMS) {
            Matcher m = REFUSED_DURATION.matcher(String.valueOf(e.getMessage()));
            if (m.matches()) {
                return new CliException(ExitCode.USAGE, "bad --" + m.group(1) + " " + m.group(2));
            }
            Matcher reversed = REVERSED.matcher(String.valueOf(e.getMessage()));
            if (reversed.matches()) {
                return new CliException(ExitCode.USAGE, "--since " + reversed.group(1) + " is after --until "
                        + reversed.group(2) + ": no line is between them");
            }
        }
        return failure;
    }

    /** The instant a resolved value names, or null for a duration ago (or none). */
    static java.time.Instant instantOrNull(String resolved) {
        if (resolved == null) {
            return null;
        }
        try {
            return java.time.Instant.parse(resolved);
        } catch (DateTimeParseException aDuration) {
            return null;
        }
    }

    private static ZonedDateTime local(String v, ZoneId zone, ZonedDateTime now) {
        LocalDate today = now.withZoneSameInstant(zone).toLocalDate();
        switch (v) {
            case "today" -> {
                return today.atStartOfDay(zone);
            }
            case "yesterday" -> {
                return today.minusDays(1).atStartOfDay(zone);
            }
            default -> {
                // fall through to the forms below
            }
        }
        try {
            return LocalDate.parse(v).atStartOfDay(zone);
        } catch (DateTimeParseException notADate) {
            // a date and time, or a time of day
        }
        try {
            return LocalDateTime.parse(v.replace(' ', 'T')).atZone(zone);
        } catch (DateTimeParseException notADateTime) {
            // a time of day
        }
        try {
            return LocalTime.parse(v).atDate(today).atZone(zone);
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
