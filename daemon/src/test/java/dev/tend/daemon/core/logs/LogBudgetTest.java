package dev.tend.daemon.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogBudgetTest {

    private static final Instant T = Instant.parse("2026-11-24T08:42:49.123Z");

    @Test
    void encodedSizeCountsEscapesAndUtf8Bytes() {
        // a, \" , \\ , \u0001, é (2), € (3), 😀 (4)
        assertEquals(1 + 2 + 2 + 6 + 2 + 3 + 4, LogBudget.encodedSize("a\"\\\u0001é€😀"));
    }

    @Test
    void encodedSizeIsNeverLessThanWhatJacksonWrites() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                int kind = random.nextInt(5);
                sb.appendCodePoint(switch (kind) {
                    case 0 -> random.nextInt(0x20);
                    case 1 -> 0x20 + random.nextInt(0x60);
                    case 2 -> 0x80 + random.nextInt(0x780);
                    case 3 -> 0x800 + random.nextInt(0xD000);
                    default -> 0x10000 + random.nextInt(0x1000);
                });
            }
            String s = sb.toString();
            int written = mapper.writeValueAsString(s).getBytes(StandardCharsets.UTF_8).length - 2;
            assertTrue(LogBudget.encodedSize(s) >= written, LogBudget.encodedSize(s) + " < " + written);
        }
    }

    @Test
    void aWholeCapturedLineOfTheWorstCharactersFitsAPage() {
        LogBudget budget = LogBudget.forService("some-project", "some-service");
        LogLine worst = new LogLine(T, LogStream.ERR, "\u0001".repeat(64 * 1024));
        assertTrue(budget.cost(worst) <= budget.bytes());
        assertSame(worst, budget.fit(worst));
    }

    @Test
    void fitCutsAnOversizedLineAtACharacterBoundaryAndSaysHowMuchIsMissing() {
        LogBudget budget = new LogBudget(1000, 100);
        LogLine big = new LogLine(T, LogStream.OUT, "😀".repeat(1000));
        LogLine cut = budget.fit(big);
        assertTrue(budget.cost(cut) <= budget.bytes(), "cost " + budget.cost(cut));
        String text = cut.text();
        int kept = text.indexOf(" [tend:");
        assertTrue(kept > 0 && kept % 2 == 0, "whole surrogate pairs only: " + kept);
        assertTrue(text.endsWith("[tend: line cut to fit a message, " + (2000 - kept) + " characters not shown]"), text);
        assertEquals(T, cut.time());
    }
}
