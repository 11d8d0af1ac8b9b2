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
}
