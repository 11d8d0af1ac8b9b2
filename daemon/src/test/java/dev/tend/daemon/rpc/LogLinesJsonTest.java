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

    @Test
    void aPageIsWrittenExactlyAsTheLinesAsMapsWere() throws Exception {
        String asMaps = mapper.writeValueAsString(Map.of("lines",
                lines.stream().map(l -> Views.logLine("shop", "api \"x\"", l)).toList()));

        String direct = mapper.writeValueAsString(Map.of("lines", LogLinesJson.array("shop", "api \"x\"", lines)));

        assertEquals(asMaps, direct);
    }

    @Test
    void thePageSurvivesTheTreeJsonrpc4jMakesOfEveryResult() throws Exception {
        String asMaps = mapper.writeValueAsString(Map.of("lines",
                lines.stream().map(l -> Views.logLine("shop", "api", l)).toList()));

        JsonNode tree = mapper.valueToTree(Map.of("lines", LogLinesJson.array("shop", "api", lines)));

        assertEquals(asMaps, mapper.writeValueAsString(tree));
        assertEquals(mapper.readTree(asMaps), mapper.readTree(mapper.writeValueAsString(tree)));
    }

    @Test
    void aJobRunsLinesAlsoNameTheJobAfterTheirText() throws Exception {
        String asMaps = mapper.writeValueAsString(Map.of("lines", lines.stream().map(l -> {
            Map<String, Object> line = Views.logLine("shop", "backup", l);
            line.put("job", "backup");
            return line;
        }).toList()));

        assertEquals(asMaps, mapper.writeValueAsString(Map.of("lines", LogLinesJson.array("shop", "backup", "backup", lines))));
    }

    @Test
    void noLinesIsAnEmptyArray() throws Exception {
        assertEquals("{\"lines\":[]}", mapper.writeValueAsString(Map.of("lines", LogLinesJson.array("p", "s", List.of()))));
    }
}
