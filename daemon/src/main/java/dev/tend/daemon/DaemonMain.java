package dev.tend.daemon;

import dev.tend.daemon.core.DaemonThreads;
import dev.tend.daemon.core.Supervisor;
import dev.tend.daemon.core.logs.OwnerOnly;
import dev.tend.daemon.core.SupervisorConfig;
import dev.tend.daemon.core.events.BusLimits;
import dev.tend.daemon.core.events.EventBus;
import dev.tend.daemon.core.events.JobFeed;
import dev.tend.daemon.core.events.LogTailer;
import dev.tend.daemon.core.events.SupervisorFeed;
import dev.tend.daemon.core.jobs.ExecutorJobTimer;
import dev.tend.daemon.core.jobs.JobScheduler;
import dev.tend.daemon.core.jobs.JobsConfig;
import dev.tend.daemon.core.process.PosixProcessControl;
import dev.tend.daemon.core.process.PosixProcessLauncher;
import dev.tend.daemon.lifecycle.DaemonLogging;
import dev.tend.daemon.lifecycle.DaemonOptions;
import dev.tend.daemon.lifecycle.CrashLoop;
import dev.tend.daemon.lifecycle.DyingThreads;
import dev.tend.daemon.lifecycle.IdleWatch;
import dev.tend.daemon.lifecycle.Reloader;
import dev.tend.daemon.lifecycle.Settings;
import dev.tend.daemon.lifecycle.SettingsFile;
import dev.tend.daemon.lifecycle.PidLock;
import dev.tend.daemon.lifecycle.Shutdown;
import dev.tend.daemon.lifecycle.Signals;
import dev.tend.daemon.lifecycle.SocketWatch;
import dev.tend.daemon.lifecycle.StaleSocket;
import dev.tend.daemon.lifecycle.StartedBy;
import dev.tend.daemon.hooks.Hooks;
import dev.tend.daemon.rpc.DaemonInfo;
import dev.tend.daemon.rpc.EventNotifications;
import dev.tend.daemon.rpc.JsonRpcEndpoint;
import dev.tend.daemon.rpc.RpcDispatcher;
import dev.tend.daemon.rpc.RpcMapper;
import dev.tend.daemon.rpc.RpcWarmup;
import dev.tend.daemon.rpc.TendRpc;
import dev.tend.daemon.store.DamagedDatabase;
import dev.tend.daemon.store.SqliteJobStore;
import dev.tend.daemon.store.SqliteStore;
import dev.tend.daemon.transport.UnixSocketServer;
import dev.tend.protocol.TendPaths;
import dev.tend.protocol.Uid;
import dev.tend.protocol.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** The daemon process: wiring and the order of start-up and shutdown (docs/daemon.md), nothing else. */
public final class DaemonMain {
    private static final Logger log = LoggerFactory.getLogger(DaemonMain.class);

    private DaemonMain() {
    }

    public static void main(String[] args) {
        DaemonOptions options;
        try {
            options = DaemonOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("tend daemon: " + e.getMessage());
            System.err.print(DaemonOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(DaemonOptions.USAGE);
            return;
        }
        System.exit(run(options));
    }

    private static int run(DaemonOptions options) {
        Instant startedAt = Instant.now();
        TendPaths paths;
        try {
            paths = TendPaths.resolve(System.getenv(), options.instance());
            paths.ensureDirectories();
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("tend daemon: " + e.getMessage());
            return 1;
        }
        Settings settings;
        try {
            settings = SettingsFile.load(paths.configFile());
        } catch (SettingsFile.SettingsException e) {
            StartFailure.record(paths.startFailure(), e.getMessage());
            System.err.println("tend daemon: " + e.getMessage());
            return 1;
        }
        String envLevel = System.getenv("TEND_LOG");
        DaemonLogging.configure(paths.daemonLog(), !options.detached(), envLevel != null ? envLevel : settings.logLevel());
        PidLock pidLock;
        try {
            pidLock = PidLock.acquire(paths.pidFile());
        } catch (PidLock.HeldException e) {
            System.err.println("tend daemon: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            StartFailure.record(paths.startFailure(), "cannot lock " + paths.pidFile() + ": " + e.getMessage());
            System.err.println("tend daemon: cannot lock " + paths.pidFile() + ": " + e.getMessage());
            return 1;
        }
        background("tend-warmup", () -> {
            UnixSocketServer.preload();
            RpcWarmup.libraries();
        });
        Shutdown shutdown = new Shutdown();
        CrashLoop crashLoop = CrashLoop.atStart(paths.stateDir().resolve("quick-deaths"), Clock.systemUTC());
        DyingThreads.install(shutdown, crashLoop);
        ExecutorService workers = workerPool();
        ExecutorService pageWorkers = pageWorkerPool();
        UnixSocketServer server = null;
        SqliteStore store = null;
        Supervisor supervisor = null;
        JobScheduler jobs = null;
        EventBus bus = new EventBus(BusLimits.DEFAULT);
        LogTailer tailer = null;
        Hooks hooks = null;
        IdleWatch idle = null;
        SocketWatch socketWatch = null;
        StartNotices notices = new StartNotices();
        boolean bound = false;
        StartFailure.clear(paths.startFailure());
        try {
            StaleSocket.clear(paths.socket());
            DamagedDatabase.Opened opened = DamagedDatabase.open(paths.database(), Clock.systemUTC());
            store = opened.store();
            opened.notice().ifPresent(n -> {
                log.warn("{}", n);
                notices.add(n);
            });
            OwnerOnly.directories(paths.logsDir()); // logs hold what services print: secrets too
            PosixProcessLauncher launcher = new PosixProcessLauncher();
            PosixProcessControl control = new PosixProcessControl();
            supervisor = new Supervisor(SupervisorConfig.defaults(paths.logsDir(), paths.instance()).withLogPolicy(settings.logs()),
                    launcher, control, store, Clock.systemUTC());
            jobs = new JobScheduler(JobsConfig.defaults(paths.logsDir(), paths.instance()), launcher, control,
                    new SqliteJobStore(store), store, Clock.systemUTC(), new ExecutorJobTimer(Clock.systemUTC()));
            Supervisor logSource = supervisor;
            tailer = new LogTailer(bus, logSource::logFile);
            SupervisorFeed.attach(supervisor, bus, tailer);
            JobFeed.attach(jobs, bus);
            Reloader reloader = new Reloader(paths.configFile(), settings, supervisor, jobs, store, envLevel != null);
            hooks = Hooks.create(launcher, control, System.getenv(), supervisor::spec, () -> {
                Settings.Hooks h = reloader.settings().hooks();
                return new Hooks.Config(h.onFailed(), h.timeout());
            }, Path.of(System.getProperty("user.home")));
            supervisor.addListener(hooks);
            Recovery.restore(supervisor, store, jobs);
            UnixSocketServer[] serverRef = new UnixSocketServer[1];
            DaemonInfo info = new DaemonInfo(Version.current(), paths.instance(), ProcessHandle.current().pid(), startedAt,
                    paths.socket(), paths.socketShortened(), paths.stateDir(),
                    () -> serverRef[0].transportName(), () -> serverRef[0].connectionCount(),
                    shutdown::request, reloader::reload, () -> reloader.settings().fileModifiedMillis(), notices::takeAll,
                    StartedBy.of(System.getenv()));
            JsonRpcEndpoint endpoint = new JsonRpcEndpoint(RpcMapper.create(), new TendRpc(info, supervisor, store, Clock.systemUTC(),
                    jobs, bus, tailer, new EventNotifications(RpcMapper.create(), null)));
            server = new UnixSocketServer(paths.socket(), new RpcDispatcher(endpoint, workers, pageWorkers), Uid.current());
            background("tend-warmup", () -> RpcWarmup.endpoint(endpoint));
            background("tend-process-control", control::prepare);
            serverRef[0] = server;
            server.start();
            bound = true;
            UnixSocketServer listening = server;
            socketWatch = new SocketWatch(paths.socket(), listening::pathIntact, () -> {
                paths.ensureDirectories();
                listening.rebind();
            });
            Signals.install(shutdown, reloader::reload, options.detached());
            Supervisor sup = supervisor;
            UnixSocketServer srv = server;
            idle = new IdleWatch(() -> options.idleTimeout() != null ? options.idleTimeout() : reloader.settings().idleTimeout(),
                    () -> srv.connectionCount() > 0 || sup.snapshot(null).services().stream().anyMatch(s -> s.state().isActive()),
                    shutdown, Clock.systemUTC());
            log.info("tend daemon {} ready: pid {}, instance {}, socket {} ({}){}", Version.current(),
                    ProcessHandle.current().pid(), paths.instance(), paths.socket(), server.transportName(),
                    paths.socketShortened() ? " (shortened: the natural path is over the platform limit)" : "");
            Recovery.startDesired(supervisor, jobs, crashLoop.tripped(), notices);
            shutdown.await();
            log.info("shutting down: {}", shutdown.reason());
            socketWatch.close();
            server.stopAccepting();
            bus.daemonStopping(shutdown.reason());
            bus.awaitSettled(Duration.ofMillis(500));
            stopServices(supervisor, jobs);
            control.closeSignals(); // its shell's reader waits in a read: the JVM's exit would wait 300 ms for it
            bus.awaitSettled(Duration.ofMillis(500));
            return 0;
        } catch (IOException | RuntimeException e) {
            String why = StartFailure.describe(e);
            StartFailure.record(paths.startFailure(), why);
            log.error("cannot start: {}", why, e);
            System.err.println("tend daemon: cannot start: " + why);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (socketWatch != null) {
                socketWatch.close();
            }
            if (idle != null) {
                idle.close();
            }
            if (server != null) {
                server.close();
            }
            if (tailer != null) {
                tailer.close();
            }
            if (hooks != null) {
                hooks.close();
            }
            bus.close();
            workers.shutdown();
            pageWorkers.shutdown();
            if (store != null) {
                store.close();
            }
            if (bound) {
                try {
                    Files.deleteIfExists(paths.socket());
                } catch (IOException e) {
                    log.warn("cannot remove {}: {}", paths.socket(), e.getMessage());
                }
            }
            try {
                pidLock.close();
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", paths.pidFile(), e.getMessage());
            }
            log.info("stopped");
            DaemonLogging.stop();
        }
    }

    /** Start-up work for a second core; a failure there only costs the time it would have saved. */
    private static void background(String name, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                log.debug("start-up warm-up failed: {}", e.toString());
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Stops the jobs' runs and every service (their desired state stays: the next daemon starts them again). */
    private static void stopServices(Supervisor supervisor, JobScheduler jobs) {
        try {
            var jobsStopped = jobs.shutdown();
            supervisor.shutdown().get(10, TimeUnit.MINUTES);
            jobsStopped.get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            log.error("services did not all stop cleanly", e);
        }
    }

    /** Requests that read log pages, a few at a time in turn (see RpcDispatcher). */
    private static ExecutorService pageWorkerPool() {
        return DaemonThreads.elastic("tend-pages", 2, Duration.ofSeconds(30));
    }

    /**
     * Up to 256 requests run at once (a stop waits for its service's stop_timeout on its thread); more wait their
     * turn in the queue, which the transport bounds (connections times requests in flight each), rather than being
     * refused. An idle thread takes the next request; idle threads end after 30 s.
     */
    private static ExecutorService workerPool() {
        return DaemonThreads.elastic("tend-rpc", 256, Duration.ofSeconds(30));
    }
}
