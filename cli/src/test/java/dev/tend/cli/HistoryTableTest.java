package dev.tend.cli;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HistoryTableTest {

    @Test
    void formatsEventsWithResultAndReason() {
        List<Map<String, Object>> entries = JsonObjects.array(Json.parse("["
                + "{\"time\":\"2024-05-01T12:00:00Z\",\"kind\":\"started\",\"pid\":100},"
                + "{\"time\":\"2024-05-01T12:05:00Z\",\"kind\":\"exited\",\"pid\":100,\"exitCode\":3,\"reason\":\"crash\"},"
                + "{\"time\":\"2024-05-01T12:06:00Z\",\"kind\":\"killed\",\"pid\":0,\"signal\":\"SIGKILL\",\"exitCode\":137}"
                + "]")).stream().map(JsonObjects::object).toList();
        assertEquals(""
                + "TIME                 EVENT    PID  RESULT   REASON\n"
                + "2024-05-01 12:00:00  started  100  -        \n"
                + "2024-05-01 12:05:00  exited   100  exit 3   crash\n"
                + "2024-05-01 12:06:00  killed   -    SIGKILL  \n",
                HistoryTable.format(entries, ZoneId.of("UTC")));
    }

    @Test
    void timesAreShownInTheGivenZone() {
        Map<String, Object> e = Map.of("time", "2024-01-01T00:30:00Z", "kind", "started");
        String row = HistoryTable.format(List.of(e), ZoneId.of("America/New_York")).lines().toList().get(1);
        assertEquals("2023-12-31 19:30:00  started  -    -       ", row);
    }

    @Test
    void noEntriesIsJustTheHeader() {
        assertEquals("TIME  EVENT  PID  RESULT  REASON\n", HistoryTable.format(List.of(), ZoneId.of("UTC")));
    }
}
