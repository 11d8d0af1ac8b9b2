package dev.tend.tui.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static dev.tend.tui.model.Wire.service;
import static dev.tend.tui.model.Wire.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

class UiStateTest {
    private final DaemonModel model = new DaemonModel(() -> { });
    private final Clock clock = Clock.fixed(Instant.parse("2030-01-01T10:00:00Z"), ZoneOffset.UTC);

    UiStateTest() {
        model.applySnapshot(snapshot("s", 1, service("shop", "api", "running", 1), service("shop", "db", "running", 2),
                service("blog", "web", "stopped", 0), service("shop", "worker", "crashed", 0)));
    }

    private List<String> visible(UiState ui) {
        return ui.visible(model.state()).stream().map(ServiceRow::ref).toList();
    }

    @Test
    void scopeGivenAsDirectoryBecomesTheProjectHoldingIt() {
        UiState ui = new UiState(clock, null, Path.of("/src/shop/sub/dir"));
        ui.resolveScope(model.state().projects());
        assertEquals("shop", ui.scope());
        assertEquals(List.of("shop/api", "shop/db", "shop/worker"), visible(ui));
    }

    @Test
    void directoryOutsideEveryProjectShowsAll() {
        UiState ui = new UiState(clock, null, Path.of("/elsewhere"));
        ui.resolveScope(model.state().projects());
        assertNull(ui.scope());
        assertEquals(4, visible(ui).size());
    }

    @Test
    void filterMatchesNamesCaseInsensitively() {
        UiState ui = new UiState(clock, null, null);
        ui.startFilter();
        ui.typeFilter('W');
        assertEquals(List.of("blog/web", "shop/worker"), visible(ui));
        ui.typeFilter('o');
        assertEquals(List.of("shop/worker"), visible(ui));
        ui.backspaceFilter();
        ui.endFilter(true);
        assertEquals("W", ui.filter());
        ui.startFilter();
        ui.endFilter(false);
        assertEquals(4, visible(ui).size());
    }

    @Test
    void copiesComeUnderTheirGroupByNumberAndAFilterKeepsTheGroupsTrueSummary() {
        model.applySnapshot(snapshot("s", 2, service("shop", "api#10", "crashed", 0), service("shop", "db", "ready", 5),
                service("shop", "api#2", "ready", 3), service("shop", "api#1", "ready", 4)));
        UiState ui = new UiState(clock, null, null);
        assertEquals(List.of("shop/api", "shop/api#1", "shop/api#2", "shop/api#10", "shop/db"), visible(ui));
        ServiceRow group = ui.visible(model.state()).get(0);
        assertEquals("2/3 up", group.summary());
        assertEquals("crashed", group.state(), "the state of the first copy that is not up");
        assertEquals(3, group.cpuPercent(), 0.001, "the live copies' CPU added up");
        ui.startFilter();
        for (char c : "api#1".toCharArray()) {
            ui.typeFilter(c);
        }
        List<ServiceRow> rows = ui.visible(model.state());
        assertEquals(List.of("shop/api", "shop/api#1", "shop/api#10"), rows.stream().map(ServiceRow::ref).toList());
        assertEquals("2/3 up", rows.get(0).summary(), "counted over every copy, not only those the filter shows");
    }

    @Test
    void aGroupsLogTargetCoversItsCopiesOnly() {
        LogTarget api = LogTarget.service("shop", "api");
        assertTrue(api.covers("shop", "api#1") && api.covers("shop", "api#12") && api.covers("shop", "api"));
        assertFalse(api.covers("shop", "apix#1") || api.covers("blog", "api#1") || api.covers("shop", "db"));
        assertFalse(LogTarget.service("shop", "api#1").covers("shop", "api#2"), "one copy's target is that copy's");
    }

    @Test
    void selectionMovesWithinBoundsAndFallsBackToTheFirstRow() {
        UiState ui = new UiState(clock, "shop", null);
        List<ServiceRow> rows = ui.visible(model.state());
        assertEquals("shop/api", ui.selectedRow(rows).ref());
        ui.move(rows, 5);
        assertEquals("shop/worker", ui.selectedRow(rows).ref());
        ui.move(rows, -1);
        assertEquals("shop/db", ui.selectedRow(rows).ref());
        ui.setScope("blog");
        assertEquals("blog/web", ui.selectedRow(ui.visible(model.state())).ref(), "the selected service is out of scope");
    }

    @Test
    void actionsTargetMarkedServicesElseTheSelectedOne() {
        UiState ui = new UiState(clock, "shop", null);
        List<ServiceRow> rows = ui.visible(model.state());
        assertEquals(List.of("shop/api"), ui.targets(rows));
        ui.toggleMark(rows);
        ui.move(rows, 2);
        ui.toggleMark(rows);
        assertEquals(List.of("shop/api", "shop/worker"), ui.targets(rows));
        ui.toggleMark(rows);
        assertEquals(List.of("shop/api"), ui.targets(rows));
    }

    @Test
    void logTargetIsTheSelectedServiceOrItsWholeProject() {
        UiState ui = new UiState(clock, null, null);
        List<ServiceRow> rows = ui.visible(model.state());
        ui.move(rows, 2);
        assertEquals(LogTarget.service("blog", "web"), ui.logTarget(rows));
        ui.toggleProjectLogs();
        assertEquals(LogTarget.project("blog"), ui.logTarget(rows));
    }

    @Test
    void confirmationIsAskedAndAnsweredOnce() {
        UiState ui = new UiState(clock, null, null);
        ui.ask(new UiState.Pending("stop", List.of("a/1", "a/2")));
        assertEquals(UiState.Overlay.CONFIRM, ui.overlay());
        assertEquals("stop 2 services (a/1, a/2)? y/n", ui.pending().question());
        assertEquals(List.of("a/1", "a/2"), ui.answer().refs());
        assertNull(ui.answer());
        assertEquals(UiState.Overlay.NONE, ui.overlay());
    }

    @Test
    void flashFadesAfterAFewSeconds() {
        Instant[] now = {Instant.parse("2030-01-01T10:00:00Z")};
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        UiState ui = new UiState(moving, null, null);
        ui.flash("stopped shop/api", false);
        assertEquals("stopped shop/api", ui.flash());
        now[0] = now[0].plusSeconds(60);
        assertNull(ui.flash());
    }
}
