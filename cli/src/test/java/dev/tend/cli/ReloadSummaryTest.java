package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReloadSummaryTest {

    @Test
    void nothingChangedWhenAllListsAreEmpty() {
        assertEquals("nothing changed", ReloadCommand.summary(Map.of("added", List.of(), "changed", List.of(), "removed", List.of())));
    }

    @Test
    void listsEachNonEmptyKindInOrder() {
        assertEquals("added web, db; removed old",
                ReloadCommand.summary(Map.of("added", List.of("web", "db"), "changed", List.of(), "removed", List.of("old"))));
        assertEquals("changed api",
                ReloadCommand.summary(Map.of("added", List.of(), "changed", List.of("api"), "removed", List.of())));
    }

    @Test
    void jobChangesAloneAreReportedNotNothingChanged() {
        Map<String, Object> r = Map.of("added", List.of(), "changed", List.of(), "removed", List.of(),
                "jobs", Map.of("added", List.of("report"), "changed", List.of("backup"), "removed", List.of("old", "tmp")));
        assertEquals("added job report; changed job backup; removed jobs old, tmp", ReloadCommand.summary(r));
    }

    @Test
    void servicesComeBeforeJobsAndEmptyJobChangesAddNothing() {
        assertEquals("added web; removed job old", ReloadCommand.summary(Map.of("added", List.of("web"),
                "changed", List.of(), "removed", List.of(),
                "jobs", Map.of("added", List.of(), "changed", List.of(), "removed", List.of("old")))));
        assertEquals("nothing changed", ReloadCommand.summary(Map.of("added", List.of(), "changed", List.of(),
                "removed", List.of(), "jobs", Map.of("added", List.of(), "changed", List.of(), "removed", List.of()))));
    }
}
