package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `tend logs` of several services is one log in time order, each line prefixed by its service (issue 13 item 9);
 * --since/--until take dates and times of the user's zone; --full-time prints the date and offset.
 */
class LogsMergeIT {
    /** The user's zone: not UTC, so that a local time read as UTC would be caught. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    private static final Pattern LINE = Pattern.compile("(\\S+) (\\S+) +([|!]) (.*)");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** The two services take turns (each waits for the other's file), so their lines interleave in time. */
    private static final String SHOP = """
            services:
              api:
                command: echo one; sleep 0.2; touch t1; until [ -f t2 ]; do sleep 0.05; done; echo three; sleep 0.2; touch t3; until [ -f t4 ]; do sleep 0.05; done; echo five; sleep 1000
              worker:
                command: until [ -f t1 ]; do sleep 0.05; done; echo two >&2; sleep 0.2; touch t2; until [ -f t3 ]; do sleep 0.05; done; echo four; sleep 0.2; touch t4; sleep 1000
            """;

    private TendHome tend;

    record Line(Instant time, String label, String text) {
    }

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        tend.env().put("TZ", ZONE.getId());
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    private TendProject startShop() throws Exception {
        TendProject shop = new TendProject(tend, "shop", SHOP);
        shop.ok("up");
        TendHome.waitUntil("api wrote its last line", () -> {
            try {
                return shop.tend("logs", "api", "-n", "0").out().contains("five");
            } catch (Exception e) {
                return false;
            }
        });
        return shop;
    }

    @Test
    void aProjectsLogsAreMergedInTimeOrderEachLinePrefixedByItsService() throws Exception {
        TendProject shop = startShop();
        List<Line> lines = parse(shop.ok("logs", "-n", "0", "--full-time").out());
        List<String> texts = lines.stream().filter(l -> !l.text().startsWith("[tend]")).map(l -> l.label() + " " + l.text()).toList();
        assertEquals(List.of("api one", "worker two", "api three", "worker four", "api five"),
                texts.stream().filter(t -> t.matches("\\S+ (one|two|three|four|five)")).toList(),
                "in time order, each with its service: " + lines);
        assertSorted(lines);

        List<Line> lastThree = parse(shop.ok("logs", "-n", "3", "--full-time").out());
        assertEquals(lines.subList(lines.size() - 3, lines.size()), lastThree, "-n 3 is the last three of the merge");
        shop.ok("down");
    }

    @Test
    void sinceAndUntilTakeDatesAndTimesOfTheUsersZone() throws Exception {
        TendProject shop = startShop();
        List<Line> all = parse(shop.ok("logs", "-n", "0", "--full-time").out());
        Instant from = time(all, "two");
        Instant to = time(all, "four");
        TendHome.Result window = shop.ok("logs", "-n", "0", "--full-time",
                "--since", LOCAL.format(from.atZone(ZONE)), "--until", LOCAL.format(to.atZone(ZONE)));
        List<Line> expected = all.stream().filter(l -> !l.time().isBefore(from) && !l.time().isAfter(to)).toList();
        assertEquals(expected, parse(window.out()), window.toString());
        assertTrue(expected.stream().anyMatch(l -> l.text().equals("three")), "the window holds 'three': " + expected);

        assertEquals(all, parse(shop.ok("logs", "-n", "0", "--full-time", "--since", "today").out()));
        assertEquals("", shop.ok("logs", "-n", "0", "--until", "yesterday").out());
        String date = from.atZone(ZONE).toLocalDate().toString();
        assertEquals(all, parse(shop.ok("logs", "-n", "0", "--full-time", "--since", date).out()));

        TendHome.Result follow = shop.tend("logs", "-f", "--until", "10m");
        assertEquals(2, follow.exit(), "--until and -f do not go together: " + follow);
        shop.ok("down");
    }

    @Test
    void allMergesEveryProjectsServicesNamedProjectSlashService() throws Exception {
        TendProject shop = startShop();
        TendProject other = new TendProject(tend, "other", "services:\n  solo:\n    command: echo solo line; sleep 1000\n");
        other.ok("up");
        TendHome.waitUntil("solo wrote", () -> {
            try {
                return other.tend("logs", "-n", "0").out().contains("solo line");
            } catch (Exception e) {
                return false;
            }
        });
        List<Line> lines = parse(shop.ok("logs", "--all", "-n", "0", "--full-time").out());
        assertTrue(lines.stream().anyMatch(l -> l.label().equals("other/solo") && l.text().equals("solo line")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.label().equals("shop/worker") && l.text().equals("two")), lines.toString());
        assertSorted(lines);
        shop.ok("down");
        other.ok("down");
    }

    private static Instant time(List<Line> lines, String text) {
        return lines.stream().filter(l -> l.text().equals(text)).findFirst().orElseThrow(() -> new AssertionError(text
                + " not in " + lines)).time();
    }

    private static void assertSorted(List<Line> lines) {
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(!lines.get(i).time().isBefore(lines.get(i - 1).time()), "out of time order at " + i + ": " + lines);
        }
    }

    /** Lines of `--full-time` output: the time must carry the user's offset. */
    private static List<Line> parse(String out) {
        List<Line> lines = new ArrayList<>();
        for (String s : Arrays.stream(out.split("\n")).filter(x -> !x.isEmpty()).toList()) {
            Matcher m = LINE.matcher(s);
            assertTrue(m.matches(), "not a prefixed log line: " + s);
            assertTrue(m.group(1).endsWith("+05:30"), "the full time in the user's zone: " + s);
            lines.add(new Line(OffsetDateTime.parse(m.group(1)).toInstant(), m.group(2), m.group(4)));
        }
        return lines;
    }
}
