package dev.tend.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import dev.tend.tui.model.DaemonModel;
import dev.tend.tui.model.LogBuffer;
import dev.tend.tui.model.LogTarget;
import dev.tend.tui.model.ServiceRow;
import dev.tend.tui.model.UiState;
import dev.tend.tui.view.Layout;
import dev.tend.tui.view.Renderer;
import dev.tend.tui.view.Screenful;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The UI thread: waits for a key, a change from the daemon, or the once-a-second tick (uptimes move), then
 * draws a frame. Only this thread touches the screen and the {@link UiState}; others post to it.
 */
public final class App {
    private static final Object REDRAW = new Object();

    private final Screen screen;
    private final DaemonModel model;
    private final LogBuffer logs;
    private final UiState ui;
    private final Actions actions;
    private final Renderer renderer;
    private final Keys keys;
    private final Clock clock;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean redrawQueued = new AtomicBoolean();
    private volatile boolean running = true;
    private long tickMillis = 1000;

    public App(Screen screen, DaemonModel model, LogBuffer logs, UiState ui, Actions actions, Renderer renderer) {
        this.screen = screen;
        this.model = model;
        this.logs = logs;
        this.ui = ui;
        this.actions = actions;
        this.renderer = renderer;
        this.keys = new Keys(actions);
        this.clock = ui.clock();
    }

    /** From any thread: something changed, draw soon (many changes in a burst make one frame). */
    public void requestRedraw() {
        if (redrawQueued.compareAndSet(false, true)) {
            inbox.offer(REDRAW);
        }
    }

    /** From any thread: run this on the UI thread (e.g. a command's outcome for the status line). */
    public void post(Runnable r) {
        inbox.offer(r);
    }

    public UiState ui() {
        return ui;
    }

    /** One key; false when it asked to quit. */
    public boolean handle(KeyStroke k) {
        Screenful f = frame();
        Layout l = renderer.layout(size(), f);
        return keys.handle(k, f, Math.max(1, l.tableBodyHeight() - 1), Math.max(1, l.logHeight()));
    }

    /** Draws a frame of the current state. */
    public void render() throws IOException {
        redrawQueued.set(false);
        TerminalSize resized = screen.doResizeIfNecessary();
        TerminalSize size = resized != null ? resized : screen.getTerminalSize();
        DaemonModel.State s = model.state();
        ui.resolveScope(s.projects());
        List<ServiceRow> visible = ui.visible(s);
        LogTarget target = ui.logTarget(visible);
        actions.followLogs(target);
        Screenful f = new Screenful(s, visible, logs.view(), ui, clock.instant());
        renderer.draw(screen.newTextGraphics(), size, f);
        tickMillis = tickMillis(f);
        screen.setCursorPosition(null);
        screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
    }

    /** Runs until q, Ctrl-C or the end of input. */
    public void run() throws IOException, InterruptedException {
        Thread input = new Thread(this::readKeys, "tend-input");
        input.setDaemon(true);
        input.start();
        render();
        while (running) {
            Object next = inbox.poll(tickMillis, TimeUnit.MILLISECONDS);
            while (next != null && running) {
                if (next instanceof KeyStroke k) {
                    running = handle(k);
                } else if (next instanceof Runnable r) {
                    r.run();
                }
                next = inbox.poll(); // take a burst in one go, then draw once
            }
            if (running) {
                render();
            }
        }
    }

    private void readKeys() {
        while (running) {
            try {
                KeyStroke k = screen.readInput();
                if (k != null) {
                    inbox.offer(k);
                    if (k.getKeyType() == KeyType.EOF) {
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                inbox.offer(new KeyStroke(KeyType.EOF)); // the terminal is gone: nothing left to steer
                return;
            }
        }
    }

    /**
     * How long the frame stays true without news: seconds-precise uptimes and messages need a tick a second,
     * otherwise (nothing up, or everything up for an hour and more, shown in minutes) a tick a minute.
     */
    static long tickMillis(Screenful f) {
        if (f.ui().flash() != null || f.ui().overlay() == UiState.Overlay.JOBS) {
            return 1000;
        }
        for (ServiceRow r : f.visible()) {
            if (r.isUp() && (r.startedAt() == null || r.startedAt().isAfter(f.now().minusSeconds(3600)))) {
                return 1000;
            }
        }
        return 60_000;
    }

    private Screenful frame() {
        DaemonModel.State s = model.state();
        ui.resolveScope(s.projects());
        return new Screenful(s, ui.visible(s), logs.view(), ui, clock.instant());
    }

    private TerminalSize size() {
        return screen.getTerminalSize();
    }
}
