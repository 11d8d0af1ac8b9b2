package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service logs on disk (docs/logs.md): no line lost, split or mangled under a flood, and rotation that keeps the
 * size and count the daemon-wide settings ($TEND_HOME/config.yaml) ask for.
 */
class LogCaptureIT {
    /** Every flood line is its number (9 digits), a space, then this: about 100 bytes a line. */
    private static final String PAD = "x".repeat(80);
    private static final Pattern FILE_LINE =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z out (\\d{9}) (.*)");

    private TendHome tend;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    @Test
    void hundredMegabytesFromOneServiceArriveWholeAndInOrder() throws Exception {
        int lines = 1_100_000; // 91 bytes of output each: 100 MB
        // Big enough files that nothing is rotated away: every line must still be on disk at the end.
        Files.writeString(tend.home().resolve("config.yaml"), "logs: { max_file_size: 16MiB, files: 12, max_line: 64KiB }\n");
        TendProject p = new TendProject(tend, "flood", """
                services:
                  flood:
                    command: sh flood.sh
                    restart: "no"
                """);
        Files.writeString(p.file("flood.sh"), """
                awk 'BEGIN { for (i = 1; i <= %1$d; i++) printf "%%09d %2$s\\n", i }'
                """.formatted(lines, PAD));
        p.ok("up");
        p.awaitState("flood", "completed");

        Path dir = logDir("flood");
        List<Path> files = TendProject.await("the last line is on disk", () -> {
            List<Path> f = logFiles(dir, "flood");
            return !f.isEmpty() && lastLine(f.get(f.size() - 1)).contains(String.format("%09d ", lines)) ? f : null;
        });
        assertTrue(files.size() <= 12, "at most files: 12 log files: " + files);
        for (Path f : files) {
            assertTrue(Files.size(f) <= 16L * 1024 * 1024, f + " is within max_file_size: " + Files.size(f));
        }
        long first = firstNumber(files.get(0));
        assertEquals(lines + 1L, chain(files, first), "every kept line once, unmangled, in order, up to the last");
        assertEquals(1, first, "lines 1 to " + (first - 1) + " are not on disk: rotated away although config.yaml "
                + "allows 192 MiB (" + files.size() + " files kept)");
        p.ok("down");
    }

    @Test
    void rotationNeverKeepsMoreFilesThanThePolicy() throws Exception {
        Files.writeString(tend.home().resolve("config.yaml"), "logs: { max_file_size: 64KiB, files: 3, max_line: 64KiB }\n");
        int bursts = 40;
        int perBurst = 500; // 40 x 500 lines of ~120 bytes on disk: about 37 rotations of a 64 KiB file
        TendProject p = new TendProject(tend, "rotate", """
                services:
                  chatty:
                    command: sh chatty.sh
                    restart: "no"
                """);
        Files.writeString(p.file("chatty.sh"), """
                b=0
                while [ $b -lt %1$d ]; do
                  awk -v b=$b 'BEGIN { for (i = 1; i <= %2$d; i++) printf "%%09d %3$s\\n", b * %2$d + i }'
                  b=$((b + 1))
                  sleep 0.02
                done
                """.formatted(bursts, perBurst, PAD));
        p.ok("up");
        Path dir = logDir("rotate");
        int mostFiles = 0;
        // Watch the directory while the service writes: the count must hold at every moment, not just at the end.
        while (!TendProject.state(p.service("chatty")).equals("completed")) {
            for (int i = 0; i < 200; i++) {
                mostFiles = Math.max(mostFiles, logFiles(dir, "chatty").size());
                Thread.sleep(2);
            }
        }
        int total = bursts * perBurst;
        List<Path> files = TendProject.await("the last line is on disk", () -> {
            List<Path> f = logFiles(dir, "chatty");
            return !f.isEmpty() && lastLine(f.get(f.size() - 1)).contains(String.format("%09d ", total)) ? f : null;
        });
        assertTrue(mostFiles <= 3, "never more than files: 3 (saw " + mostFiles + ")");
        assertEquals(3, files.size(), "rotated enough to fill the policy: " + files);
        for (Path f : files) {
            assertTrue(Files.size(f) <= 64 * 1024, f + " is within max_file_size: " + Files.size(f));
        }
        // The kept files hold the newest lines without a gap: the oldest file starts where rotation cut.
        long first = firstNumber(files.get(0));
        assertTrue(first > 1, "old lines were rotated away");
        assertEquals(total + 1L, chain(files, first), "every kept line once, in order, up to the last");
        p.ok("down");
    }

    private static long chain(List<Path> files, long first) throws IOException {
        long expected = first;
        for (Path f : files) {
            expected = checkNumbered(f, expected);
        }
        return expected;
    }

    private Path logDir(String project) {
        return tend.stateDir().resolve("logs").resolve(project);
    }

    /** The service's log files, oldest first: name.log.N ... name.log.1, name.log. */
    private static List<Path> logFiles(Path dir, String service) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> rotated = new ArrayList<>();
        Path live = null;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                String n = f.getFileName().toString();
                if (n.equals(service + ".log")) {
                    live = f;
                } else if (n.matches(Pattern.quote(service + ".log.") + "\\d+")) {
                    rotated.add(f);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of();
        }
        rotated.sort((x, y) -> Integer.compare(suffix(y), suffix(x)));
        if (live != null) {
            rotated.add(live);
        }
        return rotated;
    }

    private static int suffix(Path f) {
        String n = f.getFileName().toString();
        return Integer.parseInt(n.substring(n.lastIndexOf('.') + 1));
    }

    /** Checks each line is the next number with the exact padding; returns the number after the file's last. */
    private static long checkNumbered(Path file, long expected) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = FILE_LINE.matcher(line);
                if (!m.matches() || !m.group(2).equals(PAD)) {
                    throw new AssertionError(file + ": mangled line where " + expected + " belongs: " + line);
                }
                long n = Long.parseLong(m.group(1));
                if (n != expected) {
                    throw new AssertionError(file + ": line " + n + " where " + expected + " belongs");
                }
                expected++;
            }
        }
        return expected;
    }

    private static long firstNumber(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Matcher m = FILE_LINE.matcher(r.readLine());
            assertTrue(m.matches(), file.toString());
            return Long.parseLong(m.group(1));
        }
    }

    private static String lastLine(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            long size = ch.size();
            int n = (int) Math.min(size, 4096);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(n);
            ch.read(buf, size - n);
            String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            String trimmed = tail.endsWith("\n") ? tail.substring(0, tail.length() - 1) : tail;
            return trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        }
    }
}
