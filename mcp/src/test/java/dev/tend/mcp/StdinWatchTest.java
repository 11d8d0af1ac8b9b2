package dev.tend.mcp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StdinWatchTest {
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    private static final String NOTE = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{}}";

    private final ByteArrayOutputStream answers = new ByteArrayOutputStream();

    private StdinWatch watch(String input) {
        return new StdinWatch(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), answers);
    }

    @Test
    void blankLinesAreLeftOutAndTheEndIsTold() throws Exception {
        StdinWatch in = watch("\n" + PING + "\r\n\n \n" + NOTE + "\n\n");
        String seen = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(PING + "\r\n" + NOTE + "\n", seen);
        assertEquals("", answers.toString(StandardCharsets.UTF_8));
        in.awaitEnd(); // returns: the stream's end was seen
    }

    @Test
    void aLineTheSdkWouldStopReadingAtIsAnsweredHereAndWhatFollowsStillPasses() throws Exception {
        StdinWatch in = watch("{not json\n[]\n42\n{\"jsonrpc\":\"2.0\",\"id\":5}\n{\"id\":6,\"method\":\"ping\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":\"str\"}\n" + PING);

        String seen = new String(in.readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(PING + "\n", seen, "a last line without its newline still passes, with one");
        String[] refused = answers.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(7, refused.length);
        assertEquals(true, refused[0].startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"), refused[0]);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: a message is "
                + "one JSON object (batches are not supported)\"}}", refused[1]);
        assertEquals(refused[1], refused[2]);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: no method\"}}",
                refused[3]);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":6,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: jsonrpc must "
                + "be \\\"2.0\\\"\"}}", refused[4]);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: id must be "
                + "a string or an integer\"}}", refused[5]);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: params must "
                + "be an object\"}}", refused[6]);
        in.awaitEnd();
    }

    @Test
    void anIdThatIsNoIntegerTheSdkCanHoldIsRefusedAndWhatFollowsStillPasses() throws Exception {
        StdinWatch in = watch("{\"jsonrpc\":\"2.0\",\"id\":4.5,\"method\":\"ping\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":1.0,\"method\":\"ping\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":9223372036854775808,\"method\":\"ping\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":4.5,\"method\":\"notifications/initialized\"}\n" + PING + "\n");

        assertEquals(PING + "\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        String[] refused = answers.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, refused.length, answers.toString(StandardCharsets.UTF_8));
        for (String r : refused) {
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: id "
                    + "must be a string or an integer\"}}", r);
        }
        in.awaitEnd();
    }

    @Test
    void toolArgumentsOrAResourceUriOfTheWrongKindAreInvalidParamsNotJavaInternals() throws Exception {
        StdinWatch in = watch("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"x\","
                + "\"arguments\":[1,2]}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"x\",\"arguments\":\"s\"}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/read\",\"params\":{}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"resources/subscribe\",\"params\":{\"uri\":7}}\n" + PING + "\n");

        assertEquals(PING + "\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        String[] refused = answers.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid params: arguments must be "
                        + "an object of the tool's arguments\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32602,\"message\":\"Invalid params: arguments must be "
                        + "an object of the tool's arguments\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32602,\"message\":\"Invalid params: name must be the "
                        + "tool's name (a string)\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"error\":{\"code\":-32602,\"message\":\"Invalid params: uri must be a "
                        + "string\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32602,\"message\":\"Invalid params: uri must be a "
                        + "string\"}}"), List.of(refused));
        in.awaitEnd();
    }

    @Test
    void aSubscriptionToAUriThatCanNeverBeTendsIsResourceNotFoundNotAnEmptySuccess() throws Exception {
        StdinWatch in = watch("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"resources/subscribe\",\"params\":"
                + "{\"uri\":\"file:///etc/passwd\"}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":"
                + "{\"uri\":\"tend://shop/api/log\"}}\n" + PING + "\n");

        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/subscribe\",\"params\":"
                + "{\"uri\":\"tend://shop/api/log\"}}\n" + PING + "\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,\"message\":\"Resource not found: "
                + "file:///etc/passwd is not a tend resource (tend://PROJECT/SERVICE/log, tend://PROJECT/tend.yaml)\","
                + "\"data\":{\"uri\":\"file:///etc/passwd\"}}}\n", answers.toString(StandardCharsets.UTF_8));
        in.awaitEnd();
    }

    @Test
    void aClientsAnswerToARequestOfTheServersPasses() throws Exception {
        String answer = "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}";
        assertEquals(answer + "\n", new String(watch(answer + "\n").readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aLineOverTheLimitIsRefusedWithoutKeepingItAndTheNextPasses() throws Exception {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"x\":\""
                + "y".repeat(StdinWatch.MAX_LINE_BYTES) + "\"}}";
        StdinWatch in = watch(huge + "\n" + PING + "\n");

        assertEquals(PING + "\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: a message "
                + "over 16 MiB\"}}\n", answers.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theClientsInitializedNotificationIsToldOnceAndAQuotedMentionIsNot() throws Exception {
        String lines = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"note\":"
                + "\"say \\\"notifications/initialized\\\" later\"}}\n";
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        StdinWatch early = watch(lines);
        early.onInitialized(told::incrementAndGet);
        early.readAllBytes();
        assertEquals(0, told.get(), "the name inside a string value is not the notification");

        String both = lines + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n";
        StdinWatch in = watch(both);
        in.onInitialized(told::incrementAndGet);
        byte[] one = new byte[7]; // read in small pieces
        while (in.read(one, 0, one.length) >= 0) {
            // read on
        }
        assertEquals(1, told.get());
    }
}
