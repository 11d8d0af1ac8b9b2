package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tend.protocol.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** logs.read over the real supervisor's log files: bad params are refused in words, a log is read back. */
class LogMethodsTest extends RealEndpointTest {

    @BeforeEach
    void start() {
        rpc.up("shop", """
                services:
                  web:
                    command: "echo hello; echo oops >&2; exec sleep 300"
                    autostart: false
                """);
    }

    private String read(String extra) {
        return "{\"ref\":\"shop/web\"" + extra + "}";
    }

    @Test
    void aNegativeTailIsInvalid() {
        assertEquals("tail must be 0 (all lines) or more, got -1",
                rpc.message("logs.read", read(",\"tail\":-1"), ErrorCode.INVALID_PARAMS));
    }

    @Test
    void beforeWithoutAfterSaysHowToPageAGrowingLog() {
        assertEquals("'before' bounds a read 'after' a position: pass the 'end' of a first page as before, its 'next' as after",
                rpc.message("logs.read", read(",\"before\":\"x\""), ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aPositionThatIsNotOneIsInvalid() {
        String message = rpc.message("logs.read", read(",\"after\":\"garbage\""), ErrorCode.INVALID_PARAMS);
        assertTrue(message.startsWith("bad 'after' position: "), message);
    }

    @Test
    void anUnknownStreamNamesTheStreams() {
        assertEquals("unknown stream 'all': use out or err",
                rpc.message("logs.read", read(",\"stream\":\"all\""), ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aSinceThatIsNeitherDurationNorTimeIsInvalidWithExamples() {
        assertEquals("bad 'since' value 'yesterday': give a duration like 10m or a time like 2026-01-02T03:04:05Z",
                rpc.message("logs.read", read(",\"since\":\"yesterday\""), ErrorCode.INVALID_PARAMS));
        assertEquals("bad 'until': bad duration '5': a bare number has no unit; write 5s or 5ms (units: ms, s, m, h, d)",
                rpc.message("logs.read", read(",\"until\":\"5\""), ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aSinceAfterTheUntilIsInvalidAsNoLineIsBetweenThem() {
        assertEquals("'since' 1m is after 'until' 2m: no line is between them",
                rpc.message("logs.read", read(",\"since\":\"1m\",\"until\":\"2m\""), ErrorCode.INVALID_PARAMS));
        assertEquals("'since' 2026-01-02T00:00:00Z is after 'until' 2026-01-01T00:00:00Z: no line is between them",
                rpc.message("logs.read", read(",\"since\":\"2026-01-02T00:00:00Z\",\"until\":\"2026-01-01T00:00:00Z\""),
                        ErrorCode.INVALID_PARAMS));
        assertEquals(0, rpc.result("logs.read", read(",\"since\":\"2m\",\"until\":\"1m\"")).get("lines").size());
    }

    @Test
    void aSinceTooFarBackForAnyClockIsInvalidNotInternal() {
        assertEquals("bad 'since': bad duration '1000000000000d': too long (at most 36500d, 100 years)",
                rpc.message("logs.read", read(",\"since\":\"1000000000000d\""), ErrorCode.INVALID_PARAMS));
    }

    @Test
    void theLogOfAServiceThatNeverRanIsAnEmptyPage() {
        JsonNode page = rpc.result("logs.read", read(""));
        assertEquals(0, page.get("lines").size());
        assertEquals(false, page.get("more").booleanValue());
    }

    @Test
    void aServicesOutputReadsBackByStream() {
        rpc.result("service.start", read(""));
        JsonNode err = RpcHarness.await("the service's two lines", () -> {
            JsonNode page = rpc.result("logs.read", read(",\"since\":\"1h\""));
            return page.get("lines").size() == 2 ? rpc.result("logs.read", read(",\"stream\":\"stderr\"")) : null;
        });
        assertEquals(1, err.get("lines").size(), err.toString());
        assertEquals("oops", err.get("lines").get(0).get("text").textValue());
        assertEquals("shop", err.get("project").textValue());
        assertEquals("web", err.get("service").textValue());
        JsonNode future = rpc.result("logs.read", read(",\"since\":\"2999-01-01T00:00:00Z\""));
        assertEquals(0, future.get("lines").size(), "no line is newer than since");
    }

    @Test
    void aReadOfAnUnknownServiceIsNotFound() {
        assertEquals("project shop has no service 'api' (it has: web)",
                rpc.message("logs.read", "{\"ref\":\"shop/api\"}", ErrorCode.NOT_FOUND));
    }
}
