package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tend.protocol.ErrorCode;
import dev.tend.protocol.Methods;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** daemon.* and events.* over the real parts: a refused hello tells the daemon's protocol, a bad filter its words. */
class DaemonAndEventMethodsTest extends RealEndpointTest {
    private final Connection peer = new Connection();

    @AfterEach
    void closeConnection() {
        peer.close();
    }

    @Test
    void aHelloInAnotherProtocolIsAVersionMismatchThatTellsTheDaemons() {
        int other = Methods.PROTOCOL_VERSION + 1;
        JsonNode error = rpc.error("daemon.hello", "{\"protocol\":" + other + "}", ErrorCode.VERSION_MISMATCH);
        assertEquals("this daemon speaks protocol " + Methods.PROTOCOL_VERSION + " (tend 1.2.3), not " + other,
                error.get("message").textValue());
        assertEquals(Methods.PROTOCOL_VERSION, error.get("data").get("protocol").intValue());
        assertEquals("1.2.3", error.get("data").get("version").textValue());
        assertEquals(4711, error.get("data").get("pid").intValue());
    }

    @Test
    void aHelloInThisProtocolAnswersTheCapabilities() {
        JsonNode hello = rpc.result("daemon.hello", "{\"protocol\":" + Methods.PROTOCOL_VERSION + "}");
        assertEquals("1.2.3", hello.get("version").textValue());
        assertTrue(hello.get("capabilities").toString().contains("\"jobs\""), hello.toString());
    }

    @Test
    void statusCountsTheServicesThatRun() throws Exception {
        rpc.result("service.run", "{\"name\":\"once\",\"command\":\"exec sleep 300\",\"cwd\":"
                + RpcHarness.quote(tmp.toString()) + "}");
        JsonNode services = rpc.result("daemon.status", "{}").get("services");
        assertEquals(1, services.get("total").intValue());
        assertEquals(1, services.get("running").intValue());
        assertEquals(1, services.get("projects").intValue());
    }

    @Test
    void statusCountsStartedAndReadyServicesAsRunningAndOnlyProjectsThatHaveServices() throws Exception {
        // web is started but never ready (its check never passes); db is declared but not started; the jobs
        // project has no service at all
        rpc.up("shop", "services:\n  web:\n    command: \"exec sleep 300\"\n    ready:\n      exec: \"false\"\n"
                + "      interval: 1s\n      timeout: 300s\n  db:\n    command: \"exec sleep 300\"\n    autostart: false\n");
        rpc.up("nightly", "jobs:\n  backup:\n    schedule: \"@daily\"\n    command: \"true\"\n");
        RpcHarness.await("web is started", () -> "running".equals(
                rpc.result("service.list", "{\"project\":\"shop\"}").get("services").get(0).get("state").textValue())
                ? true : null);

        JsonNode services = rpc.result("daemon.status", "{}").get("services");
        assertEquals(2, services.get("total").intValue());
        assertEquals(1, services.get("running").intValue());
        assertEquals(1, services.get("projects").intValue());
    }

    @Test
    void statusTellsHowLongTheDaemonHasRun() {
        long startedAt = java.time.Instant.parse("2026-01-02T03:04:05Z").toEpochMilli(); // the harness's daemon
        long before = System.currentTimeMillis() - startedAt;
        long uptime = rpc.result("daemon.status", "{}").get("uptimeMillis").longValue();
        long after = System.currentTimeMillis() - startedAt;
        assertTrue(before <= uptime && uptime <= after, before + " <= " + uptime + " <= " + after);
    }

    @Test
    void aHelloWithoutStartNoticesCarriesNone() {
        JsonNode hello = rpc.result("daemon.hello", "{}");
        assertFalse(hello.has("notices"), hello.toString());
        assertEquals(4711, hello.get("pid").intValue());
    }

    @Test
    void aShutdownWithoutReasonIsAskedAsDaemonShutdown() {
        assertTrue(rpc.result("daemon.shutdown", "{}").get("stopping").booleanValue());
        rpc.result("daemon.shutdown", "{\"reason\":\"tend stop-daemon\"}");
        assertEquals(List.of("daemon.shutdown", "tend stop-daemon"), rpc.shutdownsRequested);
    }

    @Test
    void anUnknownTopicIsInvalid() {
        String message = RpcHarness.error(rpc.call("events.subscribe", "{\"topics\":[\"weather\"]}", peer),
                "events.subscribe", ErrorCode.INVALID_PARAMS).get("message").textValue();
        assertTrue(message.startsWith("topics: ") && message.contains("weather"), message);
    }

    @Test
    void aFilterWithAnUnknownKeyNamesTheKeys() {
        assertEquals("unknown filter key 'service': use project or services", subscribeError("{\"service\":\"web\"}"));
    }

    @Test
    void aFilterServiceWithoutItsProjectIsInvalid() {
        assertEquals("filter.services: 'web' is not \"project/service\"", subscribeError("{\"services\":[\"web\"]}"));
        assertEquals("filter.services must be a list of \"project/service\"", subscribeError("{\"services\":\"shop/web\"}"));
        assertEquals("filter.project must be a project name", subscribeError("{\"project\":\"\"}"));
        assertEquals("filter.services: '/web' is not \"project/service\"", subscribeError("{\"services\":[\"/web\"]}"));
        assertEquals("filter.services: 'shop/' is not \"project/service\"", subscribeError("{\"services\":[\"shop/\"]}"));
        assertEquals("filter.services: 'a/b/c' is not \"project/service\"", subscribeError("{\"services\":[\"a/b/c\"]}"));
        assertEquals("filter.services: '5' is not \"project/service\"", subscribeError("{\"services\":[5]}"));
    }

    @Test
    void aSubscriptionTellsTheChangesAfterItsAnswerAndEndsWithItsConnection() {
        JsonNode subscribed = rpc.call("events.subscribe", "{\"topics\":[\"service\"],\"filter\":{\"services\":[\"adhoc/b\"]}}",
                peer).get("result");
        String id = subscribed.get("subscription").textValue();
        assertTrue(subscribed.get("seq").isIntegralNumber(), subscribed.toString());
        rpc.result("service.run", "{\"name\":\"b\",\"command\":\"exec sleep 300\",\"cwd\":"
                + RpcHarness.quote(tmp.toString()) + "}");
        RpcHarness.await("a service.changed of adhoc/b", () -> peer.sent.stream()
                .filter(line -> line.contains("\"service.changed\"")).findFirst().orElse(null));

        peer.close();

        RpcHarness.error(rpc.call("events.unsubscribe", "{\"subscription\":" + RpcHarness.quote(id) + "}", peer),
                "events.unsubscribe after the connection closed", ErrorCode.NOT_FOUND);
    }

    @Test
    void aLogSubscriptionGetsTheLinesOfTheServiceItNames() {
        rpc.result("service.run", "{\"name\":\"talker\",\"command\":\"while :; do echo hello-from-talker; sleep 0.1; done\","
                + "\"cwd\":" + RpcHarness.quote(tmp.toString()) + "}");
        rpc.call("events.subscribe", "{\"topics\":[\"log\"],\"filter\":{\"services\":[\"adhoc/talker\"]}}", peer);

        String line = RpcHarness.await("a log.appended of adhoc/talker", () -> peer.sent.stream()
                .filter(l -> l.contains("\"log.appended\"")).findFirst().orElse(null));
        assertTrue(line.contains("hello-from-talker"), line);
    }

    @Test
    void aFilterServiceOutsideTheFilterProjectWouldMatchNothing() {
        assertEquals("filter.services [blog/web] are not in filter.project 'shop': nothing would match them",
                subscribeError("{\"project\":\"shop\",\"services\":[\"shop/web\",\"blog/web\"]}"));
    }

    @Test
    void unsubscribingWhatThisConnectionDidNotSubscribeIsNotFound() {
        JsonNode error = RpcHarness.error(rpc.call("events.unsubscribe", "{\"subscription\":\"sub-9\"}", peer),
                "events.unsubscribe", ErrorCode.NOT_FOUND);
        assertEquals("no subscription 'sub-9' on this connection", error.get("message").textValue());
    }

    @Test
    void aSubscriptionAnswersItsIdAndCanBeEndedOnce() {
        JsonNode subscribed = rpc.call("events.subscribe", "{}", peer).get("result");
        String id = subscribed.get("subscription").textValue();
        String params = "{\"subscription\":" + RpcHarness.quote(id) + "}";
        assertTrue(rpc.call("events.unsubscribe", params, peer).get("result").get("unsubscribed").booleanValue());
        RpcHarness.error(rpc.call("events.unsubscribe", params, peer), "events.unsubscribe again", ErrorCode.NOT_FOUND);
    }

    private String subscribeError(String filter) {
        return RpcHarness.error(rpc.call("events.subscribe", "{\"filter\":" + filter + "}", peer),
                "events.subscribe " + filter, ErrorCode.INVALID_PARAMS).get("message").textValue();
    }

    /** A connection as the RPC layer sees one: it keeps what is sent to it. */
    private static final class Connection implements Peer {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final List<Runnable> onClose = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String name() {
            return "peer-test";
        }

        @Override
        public void send(String line) {
            sent.add(line);
        }

        @Override
        public void onClose(Runnable action) {
            onClose.add(action);
        }

        @Override
        public boolean isOpen() {
            return !closed.get();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                onClose.forEach(Runnable::run);
            }
        }
    }
}
