package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogStream;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogLinesJsonTest {
    private final ObjectMapper mapper = RpcMapper.create();

    private final List<LogLine> lines = List.of(
            new LogLine(Instant.parse("2026-12-02T08:00:00.123Z"), LogStream.OUT, "plain"),
            new LogLine(Instant.parse("2026-12-02T08:00:01Z"), LogStream.ERR, "quote \" backslash \\ tab \t bell \u0007"),
            new LogLine(Instant.parse("2026-12-02T08:00:02.5Z"), LogStream.OUT, "ünïcödé → \uD83D\uDE80 \uFFFD"));

    /** The lines as the protocol writes them, with {@code service} and an optional trailing {@code job} member. */
    private static String expected(String service, String job) {
        String quotedService = service.replace("\"", "\\\"");
        String tail = job == null ? "" : ",\"job\":\"" + job + "\"";
        return "{\"lines\":["
                + "{\"project\":\"shop\",\"service\":\"" + quotedService + "\",\"time\":\"2026-12-02T08:00:00.123Z\","
                + "\"stream\":\"out\",\"text\":\"plain\"" + tail + "},"
                + "{\"project\":\"shop\",\"service\":\"" + quotedService + "\",\"time\":\"2026-12-02T08:00:01.000Z\","
                + "\"stream\":\"err\",\"text\":\"quote \\\" backslash \\\\ tab \\t bell \\u0007\"" + tail + "},"
                + "{\"project\":\"shop\",\"service\":\"" + quotedService + "\",\"time\":\"2026-12-02T08:00:02.500Z\","
                + "\"stream\":\"out\",\"text\":\"ünïcödé → \uD83D\uDE80 \uFFFD\"" + tail + "}]}";
    }

    @Test
    void aPageIsWrittenAsTheProtocolGivesLogLines() throws Exception {
        assertEquals(expected("api \"x\"", null),
                mapper.writeValueAsString(Map.of("lines", LogLinesJson.array("shop", "api \"x\"", lines))));
    }

    @Test
    void thePageSurvivesBeingMadeATree() throws Exception {
        JsonNode tree = mapper.valueToTree(Map.of("lines", LogLinesJson.array("shop", "api", lines)));

        assertEquals(expected("api", null), mapper.writeValueAsString(tree));
    }

    @Test
    void aJobRunsLinesAlsoNameTheJobAfterTheirText() throws Exception {
        assertEquals(expected("backup", "backup"),
                mapper.writeValueAsString(Map.of("lines", LogLinesJson.array("shop", "backup", "backup", lines))));
    }

    @Test
    void noLinesIsAnEmptyArray() throws Exception {
        assertEquals("{\"lines\":[]}", mapper.writeValueAsString(Map.of("lines", LogLinesJson.array("p", "s", List.of()))));
    }
}
