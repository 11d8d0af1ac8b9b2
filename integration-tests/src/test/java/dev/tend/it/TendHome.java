package dev.tend.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An isolated tend installation for one test: its own TEND_HOME (a fresh temp dir), the built bin/tend,
 * and a teardown that stops the daemon and proves no process of this home is left behind.
 */
public final class TendHome implements AutoCloseable {
    public static final Path ROOT = Path.of(System.getProperty("tend.root", "..")).toAbsolutePath().normalize();
    public static final Path LAUNCHER = ROOT.resolve("bin/tend");

    private final Path home;
    private final Map<String, String> env = new HashMap<>();

    public TendHome() throws IOException {
        home = Files.createTempDirectory("tend-it-");
        env.put("TEND_HOME", home.toString());
        env.put("TEND_LOG", "debug");
    }

    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public Path home() {
        return home;
    }

    public Map<String, String> env() {
        return env;
    }

    public Path stateDir() {
        return home.resolve("state/default");
    }

    public Path socket() {
        return home.resolve("run/default.sock");
    }

    public Path pidFile() {
        return stateDir().resolve("daemon.pid");
    }

    /** Runs bin/tend with the arguments; fails the test if it does not finish within two minutes. */
    public Result tend(String... args) throws IOException, InterruptedException {
        Process p = start(args);
        return finish(p);
    }

    /** Runs bin/tend with {@code dir} as its working directory, as a user inside a project would. */
    public Result tendIn(Path dir, String... args) throws IOException, InterruptedException {
        return finish(startIn(dir, args));
    }

    /** Starts bin/tend in {@code dir} without waiting for it. */
    public Process startIn(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    /** A process builder for any command, with this home's environment. */
    public ProcessBuilder command(String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb;
    }

    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    public static Result finish(Process p) throws IOException, InterruptedException {
        // Read both streams fully; a daemon that kept our stdout open would hang here (and be caught by the deadline).
        var out = new java.util.concurrent.CompletableFuture<String>();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread to = new Thread(() -> out.complete(read(p.getInputStream())));
        Thread te = new Thread(() -> err.complete(read(p.getErrorStream())));
        to.start();
        te.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("tend did not finish within 2 minutes");
        }
        try {
            return new Result(p.exitValue(), out.get(2, TimeUnit.MINUTES), err.get(2, TimeUnit.MINUTES));
        } catch (Exception e) {
            throw new AssertionError("tend's output was never closed: something kept its stdout/stderr open", e);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Pid of the running daemon, from daemon.pid. */
    public long daemonPid() throws IOException {
        return Long.parseLong(Files.readString(pidFile()).trim());
    }

    /** Every live process whose environment carries this TEND_HOME: the daemon and everything it started. */
    public List<ProcessHandle> processes() {
        String marker = "TEND_HOME=" + home;
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(ph -> {
            if (ph.pid() == ProcessHandle.current().pid()) {
                return;
            }
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(ph.pid()), "environ"));
                for (String entry : new String(environ, StandardCharsets.UTF_8).split("\0")) {
                    if (entry.equals(marker)) {
                        found.add(ph);
                        return;
                    }
                }
            } catch (IOException | SecurityException ignored) {
                // gone, or not ours
            }
        });
        return found;
    }

    /** Daemon processes of this home (java running DaemonMain). */
    public List<ProcessHandle> daemons() {
        List<ProcessHandle> javas = processes().stream()
                .filter(ph -> ph.info().arguments().map(a -> Arrays.asList(a).contains("dev.tend.daemon.DaemonMain")).orElse(false))
                .toList();
        // A child the daemon forks (a service, a look at the process table) shows the daemon's command line and
        // environment until it execs: not a second daemon
        return javas.stream().filter(ph -> ph.parent().filter(javas::contains).isEmpty()).toList();
    }

    public static void waitUntil(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Stops the daemon, then kills (and reports) anything of this home that is still alive. */
    @Override
    public void close() throws Exception {
        List<String> leftovers = new ArrayList<>();
        try {
            tend("daemon", "stop");
            waitUntil("the daemon and its children are gone", () -> processes().isEmpty());
        } catch (Throwable t) {
            for (ProcessHandle ph : processes()) {
                leftovers.add(ph.pid() + " " + ph.info().commandLine().orElse("?"));
                ph.destroyForcibly();
            }
        } finally {
            if (System.getenv("TEND_IT_KEEP_HOME") != null) {
                System.err.println("kept " + home + " (TEND_IT_KEEP_HOME)");
            } else try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        if (!leftovers.isEmpty()) {
            throw new AssertionError("processes left behind: " + leftovers);
        }
    }
}
