package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.ServiceState;
import dev.tend.daemon.core.events.Event;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogPosition;
import dev.tend.daemon.core.logs.LogStream;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class EventNotificationsTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private final ObjectMapper mapper = RpcMapper.create();
    private final EventNotifications notifications = new EventNotifications(mapper, null);

    private static ServiceSnapshot api(ServiceState state) {
        return new ServiceSnapshot("shop", "api \"quoted\"", state, 42, 1, null, null, T0, T0, 1.5, 1024, 8080,
                "waiting for db", true);
    }

    @Test
    void eachSubscriberGetsTheSameNotificationUnderItsOwnSubscriptionId() throws Exception {
        Event event = new Event.ServiceChanged(7, api(ServiceState.RUNNING));

        JsonNode first = mapper.readTree(notifications.line("sub-1", event));
        JsonNode second = mapper.readTree(notifications.line("sub-22", event));

        assertEquals("2.0", first.get("jsonrpc").asText());
        assertEquals("service.changed", first.get("method").asText());
        assertEquals("sub-1", first.at("/params/subscription").asText());
        assertEquals("sub-22", second.at("/params/subscription").asText());
        assertEquals(7, first.at("/params/seq").asLong());
        assertEquals("api \"quoted\"", first.at("/params/service/name").asText());
        assertEquals("running", first.at("/params/service/state").asText());
        ((com.fasterxml.jackson.databind.node.ObjectNode) second.get("params")).put("subscription", "sub-1");
        assertEquals(first, second);
    }

    @Test
    void theSubscriptionIdIsTheFirstMemberOfParams() throws Exception {
        String line = notifications.line("sub-3", new Event.ServiceRemoved(9, "shop", "api"));

        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"service.removed\",\"params\":"
                + "{\"subscription\":\"sub-3\",\"seq\":9,\"project\":\"shop\",\"name\":\"api\"}}", line);
    }

    @Test
    void distinctEventsAreNeverConfusedEvenWhenEqualInAllButTheirSeq() throws Exception {
        ServiceSnapshot same = api(ServiceState.STOPPED);
        String a = notifications.line("sub-1", new Event.ServiceChanged(1, same));
        String b = notifications.line("sub-1", new Event.ServiceChanged(2, same));

        assertEquals(1, mapper.readTree(a).at("/params/seq").asLong());
        assertEquals(2, mapper.readTree(b).at("/params/seq").asLong());
    }

    @Test
    void aLogPageIsSplicedWhole() throws Exception {
        List<LogLine> lines = List.of(new LogLine(T0, LogStream.OUT, "one"), new LogLine(T0, LogStream.ERR, "two"));
        Event event = new Event.LogAppended("shop", "api", lines, new LogPosition("k", 0, 10));

        String first = notifications.line("sub-4", event);
        String again = notifications.line("sub-4", event);

        JsonNode n = mapper.readTree(first);
        assertEquals("log.appended", n.get("method").asText());
        assertEquals("sub-4", n.at("/params/subscription").asText());
        assertEquals(2, n.at("/params/lines").size());
        assertEquals("two", n.at("/params/lines/1/text").asText());
        assertEquals(first, again);
        assertNotSame(first, again);
    }
}
