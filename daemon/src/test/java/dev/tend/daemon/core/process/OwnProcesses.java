package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The processes one test started, told apart by a marker every child (and what it forks) carries in its
 * environment. The marker is read from /proc here, not through the code under test: clean-up must not depend on
 * the tree walk, the process table or the kill primitives, whose mutants (in a mutation run) or bugs could hand
 * it the pid of a process the test never started. What carries the marker is ours; nothing else is ever signalled.
 */
public final class OwnProcesses {

    static final String VARIABLE = "TEND_TEST_OWNER";
    private static final long DEADLINE_MILLIS = 30_000;

    private final String entry = VARIABLE + "=" + UUID.randomUUID();
    private final long self = ProcessHandle.current().pid();

    /** The variable to give every child, so that it and its descendants can be found and told apart. */
    public Map<String, String> marker() {
        int eq = entry.indexOf('=');
        return Map.of(entry.substring(0, eq), entry.substring(eq + 1));
    }

    /**
     * Whether the pid runs with this marker now. A zombie has no environment any more, and a process between
     * two programs (sh exec'ing sleep) may briefly show none: both read as not ours.
     */
    public boolean carries(long pid) {
        if (pid <= 1 || pid == self) {
            return false;
        }
        byte[] environ;
        try {
            environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException e) {
            return false; // gone, or not ours to read
        }
        for (String variable : new String(environ, StandardCharsets.ISO_8859_1).split("\0")) {
            if (variable.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    /** Every live process that carries the marker. */
    public Set<Long> all() {
        Set<Long> pids = new HashSet<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : proc) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (carries(pid)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return pids;
    }

    /**
     * SIGKILLs (through the JDK, not the code under test) every process that carries the marker, checked again
     * just before each kill, until none is left: a shell killed while forking may leave a newborn behind.
     */
    public void killAll() throws InterruptedException {
        long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
        for (Set<Long> left = all(); !left.isEmpty(); left = all()) {
            for (long pid : left) {
                if (carries(pid)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            if (System.currentTimeMillis() > deadline) {
                fail("processes this test started outlived SIGKILL: " + left);
            }
            Thread.sleep(20);
        }
    }
}
