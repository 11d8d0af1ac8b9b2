package dev.tend.daemon.lifecycle;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketWatchTest {

    @Test
    void aRebindThatKeepsFailingIsSaidOnceNotAsAWarningThatItListensAgainEverySecond() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SocketWatch.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        AtomicInteger tries = new AtomicInteger();
        CountDownLatch fourTries = new CountDownLatch(4);
        try (SocketWatch watch = new SocketWatch(Path.of("/run/x.sock"), () -> tries.get() >= 4, () -> {
            tries.incrementAndGet();
            fourTries.countDown();
            if (tries.get() < 4) {
                throw new IOException("/run is not a directory");
            }
        })) {
            assertTrue(fourTries.await(30, TimeUnit.SECONDS), "tried " + tries.get() + " times");
            for (int i = 0; i < 300 && appender.list.stream().noneMatch(e -> e.getLevel() == Level.INFO); i++) {
                Thread.sleep(10); // the fourth try's line follows its rebind
            }
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
        List<String> said = appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        assertEquals(1, said.stream().filter(l -> l.startsWith(Level.WARN + " ")).count(), said.toString());
        assertEquals(1, said.stream().filter(l -> l.startsWith(Level.ERROR + " ")).count(), said.toString());
        assertTrue(said.get(said.size() - 1).startsWith("INFO listening on /run/x.sock again"), said.toString());
    }
}
