package dev.tend.it;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A project directory with a tend.yaml inside a {@link TendHome}, and the CLI run from that directory the way a
 * user would: ps, history and friends parsed from their --json output.
 */
final class TendProject {
    private final TendHome home;
    private final Path dir;

    /** Creates {@code $TEND_HOME/projects/<name>} and writes {@code yaml} as its tend.yaml. */
    TendProject(TendHome home, String name, String yaml) throws IOException {
        this.home = home;
        this.dir = Files.createDirectories(home.home().resolve("projects").resolve(name));
        write(yaml);
    }

    Path dir() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    void write(String yaml) throws IOException {
        Files.writeString(dir.resolve("tend.yaml"), yaml);
    }

    TendHome.Result tend(String... args) throws IOException, InterruptedException {
        return home.tendIn(dir, args);
    }

    /** Runs the command and fails the test, showing its output, unless it exits 0. */
    TendHome.Result ok(String... args) throws IOException, InterruptedException {
        TendHome.Result r = tend(args);
        assertEquals(0, r.exit(), () -> "tend " + String.join(" ", args) + ": " + r);
        return r;
    }

    /** {@code tend ps --json} of this project. */
    List<Map<String, Object>> ps() throws IOException, InterruptedException {
        return objects(ok("ps", "--json").out());
    }

    /** {@code tend ps --all --json}. */
    List<Map<String, Object>> psAll() throws IOException, InterruptedException {
        return objects(ok("ps", "--all", "--json").out());
    }

    /** One service's ps object, or null if ps does not list it. */
    Map<String, Object> service(String name) throws IOException, InterruptedException {
        return ps().stream().filter(s -> name.equals(s.get("name"))).findFirst().orElse(null);
    }

    /** Polls ps until the service is in one of the states; returns that ps object. */
    Map<String, Object> awaitState(String name, String... states) throws Exception {
        Set<String> wanted = Set.of(states);
        return await(name + " is " + wanted, () -> {
            Map<String, Object> s = service(name);
            return s != null && wanted.contains(state(s)) ? s : null;
        });
    }

    /** Polls ps until the predicate holds for the service; returns that ps object. */
    Map<String, Object> awaitService(String what, String name, Predicate<Map<String, Object>> p) throws Exception {
        return await(what, () -> {
            Map<String, Object> s = service(name);
            return s != null && p.test(s) ? s : null;
        });
    }

    /** {@code tend history REF --json}, oldest first. */
    List<Map<String, Object>> history(String ref) throws IOException, InterruptedException {
        return objects(ok("history", ref, "-n", "10000", "--json").out());
    }

    /** A snapshot that is "there" when the supplier returns non-null. */
    interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls (each poll is a whole CLI run, so no extra sleep) until the probe answers; 60 s deadline. */
    static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    static List<Map<String, Object>> objects(String json) {
        return JsonObjects.array(Json.parse(json.trim())).stream().map(JsonObjects::object).toList();
    }

    static String state(Map<String, Object> service) {
        return String.valueOf(service.get("state"));
    }

    static long pid(Map<String, Object> o) {
        return JsonObjects.number(o, "pid", 0);
    }

    static long restarts(Map<String, Object> service) {
        return JsonObjects.number(service, "restarts", -1);
    }

    /** True while the process exists and is not a zombie (an orphan's zombie may linger until pid 1 reaps it). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Every descendant of a pid that is alive now (children, grandchildren, ...). */
    static List<Long> descendants(long pid) {
        return ProcessHandle.of(pid).map(h -> h.descendants().map(ProcessHandle::pid).toList()).orElse(List.of());
    }

    /** Reads a pid a test script wrote into a file, waiting for the file to be complete. */
    long pidFromFile(String name) throws Exception {
        Path f = dir.resolve(name);
        return await(name + " holds a pid", () -> {
            if (!Files.exists(f)) {
                return null;
            }
            String s = Files.readString(f).trim();
            return s.matches("\\d+") && Files.readString(f).endsWith("\n") ? Long.parseLong(s) : null;
        });
    }
}
