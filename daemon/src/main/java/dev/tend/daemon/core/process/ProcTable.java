package dev.tend.daemon.core.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Linux's process table as read from /proc at one moment: every living process's stat (zombies count as gone), and,
 * read on first demand, the run marks ({@code TEND_RUN=…}) in the environments of this user's processes.
 */
final class ProcTable implements ProcessTable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcTable.class);
    private static final Path PROC = Path.of("/proc");
    private static final File PROC_DIR = PROC.toFile();
    private static final byte[] MARK = (RunToken.VARIABLE + "=").getBytes(StandardCharsets.US_ASCII);

    private final List<ProcStat> living;
    private final Map<Long, List<Long>> children = new HashMap<>();
    private final Map<Long, ProcStat> byPid = new HashMap<>();
    private final Object ownUid;
    private final MarkCache cache;
    private Map<String, Set<Long>> marks;

    private ProcTable(List<ProcStat> living, Object ownUid, MarkCache cache) {
        this.living = living;
        this.ownUid = ownUid;
        this.cache = cache;
        for (ProcStat p : living) {
            children.computeIfAbsent(p.ppid(), k -> new ArrayList<>()).add(p.pid());
            byPid.put(p.pid(), p);
        }
    }

    /**
     * @param ownUid the daemon's uid: only its processes are looked at for marks (null: none are)
     * @param cache  the marks of earlier looks, kept across them
     */
    static ProcTable read(Object ownUid, MarkCache cache) {
        List<ProcStat> all = new ArrayList<>();
        // File.list, not a DirectoryStream: a Path per entry cost ~1 ms of a crash's look (cold code, ~70 processes)
        String[] names = PROC_DIR.list();
        if (names == null) {
            LOG.warn("cannot list {}", PROC);
        } else {
            for (String name : names) {
                long pid = parsePid(name);
                if (pid > 0) {
                    ProcStat.read(pid).filter(s -> !s.exited()).ifPresent(all::add);
                }
            }
        }
        cache.retain(all);
        return new ProcTable(all, ownUid, cache);
    }

    @Override
    public Set<Long> tree(long pid) {
        if (pid <= 1 || pid == ProcessHandle.current().pid()) {
            // the walk would reach far beyond a service, and what it finds may be signalled
            throw new IllegalArgumentException("process id " + pid + " is not a child's: refusing to touch it");
        }
        Set<Long> tree = new TreeSet<>();
        for (ProcStat p : living) {
            if (p.pid() == pid || p.pgrp() == pid || p.session() == pid) {
                tree.add(p.pid());
            }
        }
        // Descendants of every member: those that moved to a session of their own, also below orphans.
        Deque<Long> todo = new ArrayDeque<>(tree);
        while (!todo.isEmpty()) {
            for (long child : children.getOrDefault(todo.pop(), List.of())) {
                if (tree.add(child)) {
                    todo.push(child);
                }
            }
        }
        return tree;
    }

    @Override
    public Optional<Instant> startTime(long pid) {
        ProcStat stat = byPid.get(pid);
        return stat == null ? Optional.empty() : Optional.of(Os.startTime(stat));
    }

    @Override
    public boolean outsideOwnGroup(long pid) {
        ProcStat stat = byPid.get(pid);
        return stat != null && stat.pgrp() != pid;
    }

    @Override
    public Set<Long> marked(String token) {
        RunToken.require(token);
        synchronized (this) {
            if (marks == null) {
                marks = readMarks();
            }
            return new TreeSet<>(marks.getOrDefault(token, Set.of()));
        }
    }

    private Map<String, Set<Long>> readMarks() {
        Map<String, Set<Long>> found = new HashMap<>();
        if (ownUid == null) {
            return found;
        }
        long self = ProcessHandle.current().pid();
        Instant now = Instant.now();
        for (ProcStat p : living) {
            if (p.pid() <= 1 || p.pid() == self) {
                continue;
            }
            cache.marks(p, now, () -> marksOf(p.pid()))
                    .forEach(t -> found.computeIfAbsent(t, k -> new TreeSet<>()).add(p.pid()));
        }
        return found;
    }

    /** The marks in a process's environment if it is the daemon's user's (none otherwise). */
    private List<String> marksOf(long pid) {
        Path dir = PROC.resolve(Long.toString(pid));
        List<String> tokens = marksIn(dir.resolve("environ"));
        return !tokens.isEmpty() && ownUid.equals(uidOf(dir)) ? tokens : List.of();
    }

    /** The values of every TEND_RUN entry of a NUL-separated environment file (none if unreadable). */
    private static List<String> marksIn(Path environ) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return List.of(); // gone, or not ours to read
        }
        List<String> values = new ArrayList<>(1);
        int start = 0;
        while (start < env.length) {
            int end = start;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (end - start > MARK.length && java.util.Arrays.equals(env, start, start + MARK.length, MARK, 0, MARK.length)) {
                values.add(new String(env, start + MARK.length, end - start - MARK.length, StandardCharsets.UTF_8));
            }
            start = end + 1;
        }
        return values;
    }

    static Object uidOf(Path procDir) {
        try {
            return Files.getAttribute(procDir, "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return null;
        }
    }

    private static long parsePid(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return name.isEmpty() ? -1 : Long.parseLong(name);
    }
}
