package dev.tend.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import dev.tend.tui.model.DaemonModel;
import dev.tend.tui.model.LogBuffer;
import dev.tend.tui.model.LogEntry;
import dev.tend.tui.model.LogTarget;
import dev.tend.tui.model.UiState;
import dev.tend.tui.view.Renderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.tend.tui.model.Wire.changed;
import static dev.tend.tui.model.Wire.json;
import static dev.tend.tui.model.Wire.service;
import static dev.tend.tui.model.Wire.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole screen, headless: render into Lanterna's virtual terminal, read the cells back, type keys. */
class ScreenTest {
    private static final Instant NOW = Instant.parse("2030-01-01T10:05:00Z");

    private final List<String> calls = new ArrayList<>();
    private final List<LogTarget> followed = new ArrayList<>();
    private final DaemonModel model = new DaemonModel(() -> { });
    private final LogBuffer logs = new LogBuffer(100, () -> { });
    private DefaultVirtualTerminal terminal;
    private TerminalScreen screen;
    private App app;

    @BeforeEach
    void setUp() throws Exception {
        start(true);
    }

    /** A fresh terminal and app; colors false is what NO_COLOR or --no-color give. */
    private void start(boolean colors) throws Exception {
        if (screen != null) {
            screen.stopScreen();
        }
        terminal = new DefaultVirtualTerminal(new TerminalSize(80, 24));
        screen = new TerminalScreen(terminal);
        screen.startScreen();
        UiState ui = new UiState(Clock.fixed(NOW, ZoneOffset.UTC), null, null);
        app = new App(screen, model, logs, ui, new Actions() {
            @Override
            public void services(String method, List<String> refs) {
                calls.add(method + " " + refs);
            }

            @Override
            public void runJob(String project, String name) {
                calls.add("job.run " + project + "/" + name);
            }

            @Override
            public void pauseJob(String project, String name, boolean pause) {
                calls.add((pause ? "job.pause " : "job.resume ") + project + "/" + name);
            }

            @Override
            public void followLogs(LogTarget target) {
                followed.add(target);
                logs.retarget(target);
            }

            @Override
            public void connectNow() {
                calls.add("connect");
            }
        }, new Renderer(ZoneOffset.UTC, colors));
        model.connected(json("{'version':'9.9.9','instance':'work'}"));
        model.applySnapshot(snapshot("s", 10, service("shop", "api", "running", 101), service("shop", "db", "ready", 102),
                service("blog", "web", "crashed", 0)));
    }

    @AfterEach
    void tearDown() throws Exception {
        screen.stopScreen();
    }

    private String row(int y) {
        StringBuilder sb = new StringBuilder();
        for (int x = 0; x < terminal.getTerminalSize().getColumns(); x++) {
            sb.append(terminal.getCharacter(x, y).getCharacterString());
        }
        return sb.toString();
    }

    private String text() {
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < terminal.getTerminalSize().getRows(); y++) {
            sb.append(row(y)).append('\n');
        }
        return sb.toString();
    }

    private int rowContaining(String s) {
        for (int y = 0; y < terminal.getTerminalSize().getRows(); y++) {
            if (row(y).contains(s)) {
                return y;
            }
        }
        throw new AssertionError("'" + s + "' is not on screen:\n" + text());
    }

    /** Types keys into the virtual terminal and lets the app read them as it would from a real one. */
    private boolean type(KeyStroke... keys) throws Exception {
        for (KeyStroke k : keys) {
            terminal.addInput(k);
        }
        boolean going = true;
        for (KeyStroke k = screen.pollInput(); k != null; k = screen.pollInput()) {
            going = app.handle(k);
            if (!going) {
                break;
            }
        }
        app.render();
        return going;
    }

    private static KeyStroke key(char c) {
        return new KeyStroke(c, false, false);
    }

    @Test
    void tableShowsEveryColumnAt80x24WithStatesInColour() throws Exception {
        app.render();
        String header = row(rowContaining("SERVICE"));
        for (String col : List.of("PROJECT", "SERVICE", "STATE", "PID", "UPTIME", "RST", "CPU", "MEM", "READY")) {
            assertTrue(header.contains(col), col + " in " + header);
        }
        int y = rowContaining("api");
        String api = row(y);
        assertTrue(api.matches(">\\s+shop\\s+api\\s+running\\s+101\\s+5m00s\\s+0\\s+1\\.5%\\s+10\\.0M\\s+up\\s*"), api);
        assertEquals(TextColor.ANSI.GREEN_BRIGHT, terminal.getCharacter(api.indexOf("running"), y).getForegroundColor());
        int web = rowContaining("crashed");
        assertEquals(TextColor.ANSI.RED_BRIGHT, terminal.getCharacter(row(web).indexOf("crashed"), web).getForegroundColor());
        String status = row(23);
        assertTrue(status.contains("live") && status.contains("tend 9.9.9") && status.contains("instance work")
                && status.contains("seq 10"), status);
        assertTrue(row(0).contains("all projects") && row(0).contains("2/3 up"), row(0));
    }

    @Test
    void withoutColoursNoCellIsColouredAndSelectionAndBarsStandOutInReverse() throws Exception {
        start(false);
        app.render();
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 80; x++) {
                TextCharacter c = terminal.getCharacter(x, y);
                assertEquals(TextColor.ANSI.DEFAULT, c.getForegroundColor(), "foreground at " + x + "," + y + ": " + row(y));
                assertEquals(TextColor.ANSI.DEFAULT, c.getBackgroundColor(), "background at " + x + "," + y + ": " + row(y));
            }
        }
        int api = rowContaining("api");
        assertTrue(terminal.getCharacter(row(api).indexOf("running"), api).getModifiers().contains(SGR.REVERSE),
                "the selected row is in reverse video");
        assertTrue(terminal.getCharacter(1, 0).getModifiers().contains(SGR.REVERSE), "the title bar is in reverse video");
        assertFalse(terminal.getCharacter(row(rowContaining("crashed")).indexOf("crashed"), rowContaining("crashed"))
                .getModifiers().contains(SGR.REVERSE), "an unselected row is plain");
    }

    @Test
    void aUsageSampleShowsInTheCpuAndMemColumns() throws Exception {
        model.apply(json("{'jsonrpc':'2.0','method':'service.usage','params':{'subscription':'s','services':"
                + "[{'project':'shop','name':'api','cpuPercent':37.2,'rssBytes':52428800}]}}"));
        app.render();
        String api = row(rowContaining("api"));
        assertTrue(api.contains("37.2%") && api.contains("50.0M"), api);
    }

    @Test
    void aNotificationShowsInTheNextFrame() throws Exception {
        app.render();
        model.apply(changed("s", 11, service("shop", "db", "stopped", 0)));
        app.render();
        assertTrue(row(rowContaining(" db ")).contains("stopped"));
        assertTrue(row(23).contains("seq 11"));
    }

    @Test
    void arrowsAndJkMoveAndStopActsOnTheSelectedService() throws Exception {
        app.render();
        type(key('j'), new KeyStroke(KeyType.ArrowDown), key('k'), key('x'));
        assertEquals(List.of("service.stop [shop/db]"), calls);
        assertTrue(row(rowContaining(" db ")).startsWith(">"));
        assertTrue(row(0).contains("stopping shop/db"), row(0));
    }

    @Test
    void stoppingSeveralServicesAsksFirst() throws Exception {
        app.render();
        type(key(' '), key(' '), key('x'));
        assertTrue(text().contains("stop 2 services (shop/api, shop/db)? y/n"), text());
        assertEquals(List.of(), calls);
        type(key('n'));
        assertEquals(List.of(), calls);
        type(key('R'), key('y'));
        assertEquals(List.of("service.restart [shop/api, shop/db, blog/web]"), calls);
    }

    @Test
    void aReplicatedServiceShowsAsAGroupRowAboveItsCopiesWhichActsOnEveryCopy() throws Exception {
        model.applySnapshot(snapshot("s", 12, service("shop", "api#2", "crashed", 0), service("shop", "api#1", "ready", 201),
                service("shop", "db", "ready", 102)));
        app.render();
        int group = rowContaining("1/2 up");
        assertTrue(row(group).matches(">\\s+shop\\s+api\\s+1/2 up\\s+-\\s+-\\s+0\\s+1\\.5%\\s+10\\.0M\\s.*"),
                "the group: copies up, usage of the live ones: " + row(group));
        assertEquals(TextColor.ANSI.RED_BRIGHT, terminal.getCharacter(row(group).indexOf("1/2 up"), group).getForegroundColor(),
                "a crashed copy colours its group");
        assertTrue(row(group + 1).contains("  api#1") && row(group + 2).contains("  api#2"),
                "its copies beneath it, by number, indented:\n" + text());
        assertTrue(row(0).contains("2/3 up"), "the title counts services, not the group: " + row(0));
        assertEquals(LogTarget.service("shop", "api"), followed.get(followed.size() - 1), "the group's logs: every copy's");
        type(key('r'));
        assertEquals(List.of("service.restart [shop/api]"), calls, "the group's ref restarts every copy");
        calls.clear();
        type(key('S'));
        assertEquals(List.of("service.start [shop/api#1, shop/api#2, shop/db]"), calls, "each service once");
    }

    @Test
    void startingSeveralDoesNotAsk() throws Exception {
        app.render();
        type(key('S'));
        assertEquals(List.of("service.start [shop/api, shop/db, blog/web]"), calls);
    }

    @Test
    void filterNarrowsTheTable() throws Exception {
        app.render();
        type(key('/'), key('w'), key('e'));
        assertTrue(row(23).startsWith("/we_"), row(23));
        type(new KeyStroke(KeyType.Enter));
        assertFalse(text().contains(" api "));
        assertTrue(text().contains("blog"));
        assertTrue(row(0).contains("filter /we"));
    }

    @Test
    void projectSwitcherAndAllProjects() throws Exception {
        app.render();
        type(key('p'));
        assertTrue(text().contains("all projects"));
        type(new KeyStroke(KeyType.ArrowDown), new KeyStroke(KeyType.ArrowDown), new KeyStroke(KeyType.Enter));
        assertTrue(row(0).contains("project shop"), row(0));
        assertFalse(text().contains("blog"));
        type(key('a'));
        assertTrue(row(0).contains("all projects"));
        assertTrue(text().contains("blog"));
    }

    @Test
    void aLogLineWithAnEmojiShowsTheEmojiNotTwoQuestionMarks() throws Exception {
        app.render();
        logs.reset(LogTarget.service("shop", "api"), List.of(
                new LogEntry("shop", "api", NOW, false, "\uD83D\uDE00 emoji \u4E2D\u6587 after")));
        app.render();

        int y = rowContaining("emoji");
        // one cell holds the whole emoji (two chars in Java): a cell per half is drawn as '?' by a real terminal
        assertEquals("\uD83D\uDE00", terminal.getCharacter(9, y).getCharacterString(), row(y));
        assertTrue(terminal.getCharacter(9, y).isDoubleWidth(), row(y));
        String line = row(y);
        assertFalse(line.contains("?"), line);
        assertTrue(line.contains(" emoji ") && line.contains(" after"), line);
    }

    @Test
    void logPaneFollowsTheSelectionAndMarksStderr() throws Exception {
        app.render();
        assertEquals(LogTarget.service("shop", "api"), followed.get(followed.size() - 1));
        logs.reset(LogTarget.service("shop", "api"), List.of(
                new LogEntry("shop", "api", NOW, false, "listening on 8080"),
                new LogEntry("shop", "api", NOW, true, "warning: slow")));
        app.render();
        assertTrue(row(rowContaining("logs: shop/api")).startsWith("-- logs: shop/api"));
        int warn = rowContaining("warning: slow");
        assertEquals(TextColor.ANSI.RED_BRIGHT, terminal.getCharacter(row(warn).indexOf("warning"), warn).getForegroundColor());
        assertTrue(row(rowContaining("listening")).startsWith("10:05:00 listening on 8080"));

        type(key('j'));
        assertEquals(LogTarget.service("shop", "db"), followed.get(followed.size() - 1));
        type(key('l'));
        assertEquals(LogTarget.project("shop"), followed.get(followed.size() - 1));
        assertTrue(text().contains("logs: shop (all services)"));
    }

    @Test
    void resizeRelayoutsToUseTheRoom() throws Exception {
        app.render();
        terminal.setTerminalSize(new TerminalSize(130, 40));
        app.render();
        assertEquals(40, screen.getTerminalSize().getRows());
        assertTrue(row(39).contains("live"), row(39));
        String header = row(rowContaining("SERVICE"));
        assertTrue(header.contains("RESTARTS") && header.contains("PORT") && header.contains("INFO"), header);
        terminal.setTerminalSize(new TerminalSize(60, 12));
        app.render();
        assertTrue(row(11).contains("live"), row(11));
        assertTrue(text().contains("api"));
    }

    @Test
    void helpOverlayOpensAndAnyKeyClosesIt() throws Exception {
        app.render();
        type(key('?'));
        assertTrue(text().contains("q / Ctrl-C  quit"), text());
        type(key('z'));
        assertFalse(text().contains("q / Ctrl-C  quit"));
    }

    @Test
    void jobsViewRunsTheSelectedJobOrSaysThereAreNone() throws Exception {
        model.applyPoll(json("{'seq':1,'services':[]}"), json("{'projects':[]}"), null);
        app.render();
        type(key('J'));
        assertTrue(text().contains("no jobs (this daemon has no job scheduler)"), text());
        type(new KeyStroke(KeyType.Enter), new KeyStroke(KeyType.Escape));
        assertEquals(List.of(), calls);
        assertTrue(row(23).contains("polling"), row(23));

        model.applySnapshot(snapshot("t", 20));
        model.apply(json("{'method':'job.changed','params':{'subscription':'t','seq':21,'job':{'project':'shop','name':'backup',"
                + "'schedule':'*/5 * * * *','state':'idle','nextRun':'2030-01-01T10:09:00Z','lastRun':null}}}"));
        type(key('J'));
        assertTrue(text().contains("shop/backup"), text());
        assertTrue(text().contains("in 4m00s") && text().contains("never run"), text());
        type(new KeyStroke(KeyType.Enter));
        assertEquals(List.of("job.run shop/backup"), calls);
    }

    @Test
    void pInTheJobsViewPausesTheSelectedJobAndResumesAPausedOne() throws Exception {
        model.applySnapshot(snapshot("t", 20));
        model.apply(json("{'method':'job.changed','params':{'subscription':'t','seq':21,'job':{'project':'shop','name':'backup',"
                + "'schedule':'*/5 * * * *','state':'idle','nextRun':'2030-01-01T10:09:00Z','lastRun':null,'paused':false}}}"));
        type(key('J'), key('p'));
        assertEquals(List.of("job.pause shop/backup"), calls);
        assertTrue(text().contains("p pauses/resumes"), text());

        model.apply(json("{'method':'job.changed','params':{'subscription':'t','seq':22,'job':{'project':'shop','name':'backup',"
                + "'schedule':'*/5 * * * *','state':'paused','nextRun':null,'lastRun':null,'paused':true}}}"));
        app.render();
        assertTrue(row(rowContaining("*/5 * * * *")).contains(" paused "), text());
        type(key('p'));
        assertEquals(List.of("job.pause shop/backup", "job.resume shop/backup"), calls);
    }

    @Test
    void disconnectedIsShownAndCAsksToConnect() throws Exception {
        model.disconnected("no daemon running; waiting for one (c starts it)");
        app.render();
        assertTrue(row(23).startsWith(" disconnected "), row(23));
        type(key('c'));
        assertEquals(List.of("connect"), calls);
    }

    @Test
    void qAndCtrlCQuit() throws Exception {
        app.render();
        assertFalse(type(key('q')));
        assertFalse(type(new KeyStroke('c', true, false)));
        assertTrue(type(key('j')));
    }
}
