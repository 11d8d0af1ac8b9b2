package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a peer that is not ours relies on (docs/protocol.md): the reference peer in examples/python follows a log
 * with nothing lost or repeated; hello refuses another protocol with -32004; a snapshot's ServiceView carries the
 * usage sample as service.list's does.
 */
class ReferencePeerIT {
    private TendHome tend;

    @BeforeEach
    void start() throws Exception {
        tend = new TendHome();
    }

    @AfterEach
    void stop() throws Exception {
        tend.close();
    }

    @Test
    void thePythonReferencePeerFollowsALogWithNoGapAndNoRepeat() throws Exception {
        TendHome.Result run = tend.tend("run", "--name", "counter", "--", "sh", "-c",
                "i=0; while :; do i=$((i+1)); echo \"n $i\"; sleep 0.02; done");
        assertEquals(0, run.exit(), run::toString);
        Process peer = tend.command("python3", TendHome.ROOT.resolve("examples/python/tend_follow.py").toString(),
                "adhoc/counter", "--tail", "5", "--count", "200").start();
        TendHome.Result r = TendHome.finish(peer);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("hello daemon "), r::toString);
        List<Integer> numbers = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (line.startsWith("line out n ")) {
                numbers.add(Integer.parseInt(line.substring("line out n ".length()).strip()));
            }
        }
        assertEquals(200, numbers.size(), r::toString);
        for (int i = 1; i < numbers.size(); i++) {
            assertEquals(numbers.get(i - 1) + 1, numbers.get(i), () -> "a line lost or repeated: " + numbers);
        }
        assertTrue(r.out().contains("event snapshot adhoc/counter"), r::toString);
    }

    @Test
    void helloRefusesAnotherProtocolAndSaysWhichItSpeaks() throws Exception {
        assertEquals(0, tend.tend("daemon", "status").exit());
        try (RawPeer peer = new RawPeer(tend.socket())) {
            Map<?, ?> refused = (Map<?, ?>) Json.parse(peer.exchange(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"daemon.hello\",\"params\":{\"client\":\"x\",\"protocol\":2}}"));
            Map<?, ?> error = (Map<?, ?>) refused.get("error");
            assertEquals(-32004L, error.get("code"), refused::toString);
            assertEquals(1L, ((Map<?, ?>) error.get("data")).get("protocol"), refused::toString);
            assertTrue(((String) error.get("message")).contains("protocol 1"), refused::toString);

            Map<?, ?> accepted = (Map<?, ?>) Json.parse(peer.exchange(
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"daemon.hello\",\"params\":{\"version\":\"9.9.9\",\"protocol\":1}}"));
            assertTrue(accepted.get("result") instanceof Map<?, ?>, accepted::toString);
        }
    }

    @Test
    void aSnapshotsServiceViewCarriesTheUsageSampleAsServiceListDoes() throws Exception {
        assertEquals(0, tend.tend("run", "--name", "w", "--", "sleep", "1000").exit());
        try (EventPeer sub = new EventPeer(tend.socket(), "{\"topics\":[\"service\"]}")) {
            List<?> services = (List<?>) ((Map<?, ?>) sub.result.get("snapshot")).get("services");
            Map<?, ?> w = (Map<?, ?>) services.get(0);
            assertEquals("w", w.get("name"), sub.result::toString);
            assertTrue(((Number) w.get("rssBytes")).longValue() > 0, () -> "a running service has its memory: " + w);
        }
    }
}
