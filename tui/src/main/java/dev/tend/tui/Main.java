package dev.tend.tui;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import dev.tend.client.DaemonConnector;
import dev.tend.protocol.TendPaths;
import dev.tend.tui.model.DaemonModel;
import dev.tend.tui.model.LogBuffer;
import dev.tend.tui.model.LogTarget;
import dev.tend.tui.model.ProjectRow;
import dev.tend.tui.model.UiState;
import dev.tend.tui.net.Commands;
import dev.tend.tui.net.Daemon;
import dev.tend.tui.net.EventLink;
import dev.tend.tui.net.LogFollower;
import dev.tend.tui.view.Renderer;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** `tend tui`: wires the daemon links, the model and the screen, and puts the terminal back on the way out. */
public final class Main {
    private static final int LOG_LINES_KEPT = 5000;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options o;
        TendPaths paths;
        try {
            o = Options.parse(Arrays.asList(args));
            if (o.help()) {
                System.out.println(Options.USAGE);
                return 0;
            }
            paths = TendPaths.resolve(System.getenv(), o.instance());
        } catch (IllegalArgumentException e) {
            System.err.println("tend tui: " + e.getMessage() + " (see tend tui --help)");
            return 2;
        }
        if (System.console() == null) {
            System.err.println("tend tui: needs a terminal (stdin and stdout must be a tty); for scripts use `tend ps` or `tend events --json`");
            return 2;
        }
        Path cwd = Path.of("").toAbsolutePath().normalize();
        UiState ui = new UiState(Clock.systemDefaultZone(), o.project(), o.all() || o.project() != null ? null : cwd);
        DaemonConnector connector = Daemon.connector(paths);

        AppHolder holder = new AppHolder();
        DaemonModel model = new DaemonModel(holder::redraw);
        LogBuffer logs = new LogBuffer(LOG_LINES_KEPT, holder::redraw);
        EventLink events = new EventLink(connector, model);
        Commands commands = new Commands(connector);
        LogFollower follower = new LogFollower(connector, logs, project -> servicesOf(model, project));
        Terminal terminal = null;
        TerminalScreen screen = null;
        try {
            // Lanterna's default exits the JVM on Ctrl-C without restoring the terminal: take it as a key
            terminal = new WholeCharacterTerminal(System.in, System.out, Charset.defaultCharset(),
                    UnixLikeTerminal.CtrlCBehaviour.TRAP);
            screen = new TerminalScreen(terminal);
            screen.startScreen();
            screen.setCursorPosition(null);
            App app = new App(screen, model, logs, ui, new Actions() {
                @Override
                public void services(String method, List<String> refs) {
                    commands.services(method, refs, r -> holder.post(() -> ui.flash(r.message(), r.failed())));
                }

                @Override
                public void runJob(String project, String name) {
                    commands.runJob(project, name, r -> holder.post(() -> ui.flash(r.message(), r.failed())));
                }

                @Override
                public void pauseJob(String project, String name, boolean pause) {
                    commands.pauseJob(project, name, pause, r -> holder.post(() -> ui.flash(r.message(), r.failed())));
                }

                @Override
                public void followLogs(LogTarget target) {
                    follower.follow(target);
                }

                @Override
                public void connectNow() {
                    events.connectNow();
                    follower.refresh();
                }
            }, new Renderer(ZoneId.systemDefault(), o.colors(System.getenv("NO_COLOR"))));
            terminal.addResizeListener((t, size) -> app.requestRedraw());
            holder.app = app;
            events.start();
            follower.start();
            app.run();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (Exception e) {
            restore(screen, terminal);
            screen = null;
            terminal = null;
            System.err.println("tend tui: " + e.getMessage());
            return 1;
        } finally {
            events.close();
            follower.close();
            commands.close();
            restore(screen, terminal);
        }
    }

    private static List<String> servicesOf(DaemonModel model, String project) {
        for (ProjectRow p : model.state().projects()) {
            if (p.name().equals(project)) {
                return p.services();
            }
        }
        return model.state().services().stream().filter(s -> s.project().equals(project)).map(s -> s.name()).toList();
    }

    private static void restore(TerminalScreen screen, Terminal terminal) {
        try {
            if (screen != null) {
                screen.stopScreen();
            }
        } catch (Exception ignored) {
            // restoring as much as we can
        }
        try {
            if (terminal != null) {
                terminal.close();
            }
        } catch (Exception ignored) {
            // restoring as much as we can
        }
    }

    /** The app is built after the model, which already needs somewhere to send its changes. */
    private static final class AppHolder {
        volatile App app;

        void redraw() {
            App a = app;
            if (a != null) {
                a.requestRedraw();
            }
        }

        void post(Runnable r) {
            App a = app;
            if (a != null) {
                a.post(r);
            }
        }
    }
}
