package dev.tend.daemon.core.logs;

import dev.tend.daemon.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Lines that cannot be written (a full disk, a file system that refuses) are not lost without a word: once writing
 * works again the log itself says how many are missing, from when and why.
 */
class LostLinesTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theLogSaysHowManyLinesItCouldNotWriteOnceWritingWorksAgain() throws Exception {
        Path path = dir.resolve("svc.log");
        String big = "x".repeat(300); // every such line rotates the small file first
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        try (LogFile file = LogFile.open(path, new LogPolicy(200, 2, 64 * 1024), clock);
             PipedOutputStream child = new PipedOutputStream();
             PipedInputStream in = new PipedInputStream(child, 1 << 16)) {
            CompletableFuture<Void> drained = LogCapture.start("svc", LogStream.OUT, in, file,
                    lines -> lines.forEach(l -> heard.add(l.text())));
            child.write("first\n".getBytes(StandardCharsets.UTF_8));
            await("the first line heard", () -> heard.size() == 1);

            // the rotation cannot move svc.log away: a real refusal of the file system (a directory in the way)
            Path blocker = Files.createDirectories(dir.resolve("svc.log.1").resolve("in-the-way"));
            for (int i = 1; i <= 3; i++) {
                child.write(("lost-" + i + big + "\n").getBytes(StandardCharsets.UTF_8));
            }
            await("the three lines heard (live listeners get them even so)", () -> heard.size() == 4);

            Files.delete(blocker);
            Files.delete(blocker.getParent());
            clock.advance(java.time.Duration.ofSeconds(5));
            child.write(("after" + big + "\n").getBytes(StandardCharsets.UTF_8));
            child.close();
            drained.get(30, TimeUnit.SECONDS);
        }
        List<Path> oldestFirst = List.of(dir.resolve("svc.log.1"), path); // one rotation kept
        StringBuilder all = new StringBuilder();
        for (Path p : oldestFirst) {
            all.append(Files.readString(p));
        }
        String written = all.toString();
        assertFalse(written.contains("lost-"), written);
        String notice = "tend: 3 lines of stdout could not be written from 2026-12-07T10:00:00Z (cannot write ";
        int gap = written.indexOf(notice);
        int after = written.indexOf("after");
        assertTrue(gap >= 0 && after > gap, written);
        List<String> texts = new ArrayList<>();
        for (Path p : oldestFirst) {
            LogCaptureTest.parseAll(p).forEach(l -> texts.add(l.text()));
        }
        assertEquals(2, texts.size(), "whole lines only, none glued to another: " + texts);
        assertTrue(heard.stream().anyMatch(t -> t.startsWith(notice)), "live listeners hear of the gap too: " + heard);
    }
}
