package dev.tend.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check every IT's traffic passes through can fail: what the served schema does not describe is reported. */
class ServedSchemaIT {

    @Test
    void answersAndNotificationsOutsideTheServedSchemaAreReported() throws Exception {
        try (TendHome tend = new TendHome()) {
            assertEquals(0, tend.tend("daemon", "status").exit());
            ServedSchema.Conversation c = ServedSchema.of(tend.socket()).conversation();
            c.sent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"service.remove\",\"params\":{\"ref\":\"adhoc/w\"}}");
            assertEquals(List.of(), c.problems("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"removed\":\"adhoc/w\"}}"));
            c.sent("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"service.remove\",\"params\":{\"ref\":\"adhoc/w\"}}");
            assertProblem(c.problems("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"removed\":\"adhoc/w\",\"extra\":1}}"));
            c.sent("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"daemon.status\"}");
            assertProblem(c.problems("{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32004,\"message\":\"no\"}}"));
            assertProblem(c.problems("{\"jsonrpc\":\"2.0\",\"method\":\"events.lagged\",\"params\":{\"subscription\":\"s\"}}"));
            assertProblem(c.problems("{\"jsonrpc\":\"2.0\",\"method\":\"service.exploded\",\"params\":{}}"));
            assertEquals(List.of(), c.problems("{\"jsonrpc\":\"2.0\",\"method\":\"events.lagged\",\"params\":{\"subscription\":\"s\",\"missed\":3}}"));
        }
    }

    private static void assertProblem(List<String> problems) {
        assertTrue(!problems.isEmpty(), "expected a problem to be reported");
    }
}
