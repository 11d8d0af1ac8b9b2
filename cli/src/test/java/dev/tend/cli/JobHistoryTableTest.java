package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobHistoryTableTest {

    private static Map<String, Object> run(long id, String scheduledFor) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("trigger", "schedule");
        r.put("scheduledFor", scheduledFor);
        r.put("startedAt", scheduledFor);
        r.put("endedAt", scheduledFor);
        r.put("exitCode", 0L);
        r.put("outcome", "succeeded");
        r.put("durationMs", 12L);
        return r;
    }

    @Test
    void theTwoRunsOfARepeatedHourReadApartByTheirOffset() {
        String table = JobHistoryTable.format(List.of(run(1, "2027-11-07T05:30:00Z"), run(2, "2027-11-07T06:30:00Z")),
                ZoneId.of("America/New_York"));
        assertTrue(table.contains("2027-11-07 01:30:00-04:00"), table);
        assertTrue(table.contains("2027-11-07 01:30:00-05:00"), table);
    }

    @Test
    void aZoneWithoutDaylightSavingShowsNoOffset() {
        String table = JobHistoryTable.format(List.of(run(1, "2027-11-07T05:30:00Z")), ZoneId.of("UTC"));
        assertTrue(table.contains("2027-11-07 05:30:00 "), table);
        assertFalse(table.contains("+00:00"), table);
    }
}
