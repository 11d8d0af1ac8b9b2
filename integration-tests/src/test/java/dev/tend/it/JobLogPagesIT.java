package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job run whose output is 300 lines of 60,000 characters (18 MB) reaches `tend job logs` whole, and job.logs
 * answers it in pages that each fit the protocol's 1 MiB frame.
 */
class JobLogPagesIT {
    private static final int FRAME = 1 << 20;
    private static final int LINES = 300;
    private static final int LENGTH = 60_000;

    private TendHome tend;
    private TendProject p;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        // Room for the whole run: nothing may be rotated away before it is read.
        Files.writeString(tend.home().resolve("config.yaml"), "logs: { max_file_size: 64MiB, files: 3 }\n");
        p = new TendProject(tend, "jobbig", """
                jobs:
                  dump:
                    schedule: "@daily"
                    command: sh dump.sh
                """);
        Files.writeString(p.file("dump.sh"), """
                awk 'BEGIN { pad = "x"; while (length(pad) < %2$d - 7) pad = pad pad; pad = substr(pad, 1, %2$d - 7);
                             for (i = 1; i <= %1$d; i++) printf "L%%06d%%s\\n", i, pad }'
                """.formatted(LINES, LENGTH));
        p.ok("up");
        p.ok("job", "run", "dump", "--wait");
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    @Test
    void jobLogsPrintsEveryLongLineOfARun() throws Exception {
        Process logs = tend.startIn(p.dir(), "job", "logs", "dump");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(logs.getInputStream(), StandardCharsets.UTF_8));
            int expect = 1;
            String line;
            while ((line = out.readLine()) != null) {
                int at = line.indexOf("| L");
                String shown = line.substring(0, Math.min(200, line.length()));
                assertTrue(at > 0, () -> "not a line of the run: " + shown);
                String text = line.substring(at + 2);
                assertEquals(String.format("L%06d", expect), text.substring(0, 7), "line after " + (expect - 1));
                assertEquals(LENGTH, text.length(), "line " + expect + " whole");
                expect++;
            }
            assertTrue(logs.waitFor(2, TimeUnit.MINUTES));
            String err = new String(logs.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, logs.exitValue(), err);
            assertEquals(LINES + 1, expect, "tend job logs printed up to the last line");
        } finally {
            logs.destroyForcibly();
        }
    }

    @Test
    void noJobLogsAnswerExceedsOneMebibyte() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            String params = "{\"ref\":\"jobbig/dump\",\"tail\":0}";
            int read = 0;
            int pages = 0;
            while (true) {
                String answer = peer.exchange("{\"jsonrpc\":\"2.0\",\"id\":" + (pages + 1)
                        + ",\"method\":\"job.logs\",\"params\":" + params + "}");
                int bytes = answer.getBytes(StandardCharsets.UTF_8).length;
                assertTrue(bytes <= FRAME, "an answer of " + bytes + " bytes");
                pages++;
                Map<?, ?> result = (Map<?, ?>) ((Map<?, ?>) Json.parse(answer)).get("result");
                assertNotNull(result, answer.substring(0, Math.min(300, answer.length())));
                for (Object o : (List<?>) result.get("lines")) {
                    String text = (String) ((Map<?, ?>) o).get("text");
                    read++;
                    assertEquals(String.format("L%06d", read), text.substring(0, 7), "each line once, in order");
                    assertEquals(LENGTH, text.length());
                }
                if (!Boolean.TRUE.equals(result.get("more"))) {
                    break;
                }
                params = "{\"ref\":\"jobbig/dump\",\"after\":" + Json.write(result.get("next")) + "}";
            }
            assertEquals(LINES, read);
            assertTrue(pages >= 18, "18 MB cannot come in " + pages + " pages of at most 1 MiB");
        }
    }
}
