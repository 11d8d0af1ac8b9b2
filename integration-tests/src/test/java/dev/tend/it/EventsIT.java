package dev.tend.it;

import dev.tend.protocol.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live peers: subscribers see what other peers do, in seq order, with nothing lost; slow ones never hold others up. */
class EventsIT {
    private TendHome tend;

    @BeforeEach
    void start() throws Exception {
        tend = new TendHome();
        assertEquals(0, tend.tend("run", "--name", "w", "--", "sleep", "1000").exit());
    }

    @AfterEach
    void stop() throws Exception {
        tend.close();
    }

    private void ok(String... args) throws Exception {
        TendHome.Result r = tend.tend(args);
        assertEquals(0, r.exit(), r::toString);
    }

    private static Map<?, ?> service(Map<?, ?> notification) {
        return (Map<?, ?>) ((Map<?, ?>) notification.get("params")).get("service");
    }

    @Test
    void aSubscriberSeesAnotherPeersStopStartAndRestartInOrderWithIncreasingSeq() throws Exception {
        try (EventPeer sub = new EventPeer(tend.socket(), "{\"topics\":[\"service\"]}")) {
            String state = (String) stateOf(sub.result, "w").get("state");
            long last = sub.seq();
            while (!state.equals("ready")) { // `run` returns as the service comes up; its last step may still be on its way
                Map<?, ?> n = sub.next(30_000);
                assertNotNull(n, "w never became ready");
                last = EventPeer.seqOf(n);
                state = (String) service(n).get("state");
            }
            ok("stop", "adhoc/w");
            ok("start", "adhoc/w");
            ok("restart", "adhoc/w");
            List<String> states = new ArrayList<>();
            String previous = "ready";
            int ups = 0;
            while (ups < 2) {
                Map<?, ?> n = sub.next(30_000);
                assertNotNull(n, "no event after " + states);
                assertEquals("service.changed", n.get("method"));
                long seq = EventPeer.seqOf(n);
                assertTrue(seq > last, "seq must increase: " + seq + " after " + last);
                last = seq;
                state = (String) service(n).get("state");
                if (!state.equals(previous)) { // other fields (desired, pid, usage) change too: only transitions matter here
                    states.add(state);
                    if (state.equals("ready")) {
                        ups++;
                    }
                }
                previous = state;
            }
            assertEquals(List.of("stopping", "stopped", "starting", "running", "ready", "stopping", "stopped", "starting",
                    "running", "ready"), states);
        }
    }

    @Test
    void eventsOfAProjectNoneHasHeardOfSayItWaitsAndABadNameIsAUsageError() throws Exception {
        Process events = tend.start("events", "-p", "nosuch");
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(events.getErrorStream(), StandardCharsets.UTF_8));
            String line = err.readLine();
            assertEquals("tend: no project 'nosuch' is registered: waiting for its events (`tend up` there registers "
                    + "it; Ctrl-C ends)", line);
        } finally {
            events.destroy();
            events.waitFor(30, TimeUnit.SECONDS);
        }
        TendHome.Result bad = tend.tend("events", "-p", "bad name!!");
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().startsWith("tend: -p: bad project name 'bad name!!'"), bad.toString());
    }

    @Test
    void aHundredSubscribersAllReceiveEveryEvent() throws Exception {
        List<EventPeer> subs = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                subs.add(new EventPeer(tend.socket(), "{}"));
            }
            ok("restart", "adhoc/w");
            ok("stop", "adhoc/w");
            long end;
            try (EventPeer probe = new EventPeer(tend.socket(), "{}")) {
                end = probe.seq(); // every event of the two commands has a seq at or below this
            }
            List<Long> first = null;
            for (EventPeer sub : subs) {
                List<Long> seqs = new ArrayList<>();
                while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < end) {
                    Map<?, ?> n = sub.next(30_000);
                    assertNotNull(n, sub.id() + " got only " + seqs + " of events up to " + end);
                    seqs.add(EventPeer.seqOf(n));
                }
                assertTrue(seqs.size() >= 7, "a restart and a stop make at least 7 changes: " + seqs);
                if (first == null) {
                    first = seqs;
                } else {
                    assertEquals(first, seqs, sub.id() + " saw other events than " + subs.get(0).id());
                }
            }
        } finally {
            for (EventPeer sub : subs) {
                sub.close();
            }
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsLaggedWhileOthersAndRequestsCarryOn() throws Exception {
        // Never read: its notifications pile up in the socket, then in the daemon's bounded buffers, then it lags.
        try (EventPeer stuck = new EventPeer(tend.socket(), "{\"topics\":[\"log\"],\"filter\":{\"services\":[\"adhoc/flood\"]}}");
             EventPeer normal = new EventPeer(tend.socket(), "{\"topics\":[\"service\"]}");
             RawPeer requests = new RawPeer(tend.socket())) {
            String line = "0123456789".repeat(10);
            ok("run", "--name", "flood", "--", "sh", "-c", "yes " + line + " | head -c 60000000; sleep 1000");
            for (int i = 0; i < 200; i++) {
                Map<?, ?> r = (Map<?, ?>) Json.parse(requests.exchange(
                        "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"service.list\",\"params\":{\"project\":\"adhoc\"}}"));
                assertTrue(r.get("result") instanceof Map, "request " + i + " answered: " + r);
            }
            ok("restart", "adhoc/w");
            boolean sawRestart = false;
            while (!sawRestart) {
                Map<?, ?> n = normal.next(30_000);
                assertNotNull(n, "the normal subscriber must keep getting events");
                Map<?, ?> s = service(n);
                sawRestart = s != null && "w".equals(s.get("name")) && "stopping".equals(s.get("state"));
            }
            // Now read what the stuck one was sent: a bounded amount, then events.lagged.
            long bytes = 0;
            Map<?, ?> lagged = null;
            while (lagged == null) {
                String l = stuck.peer.readLine(60_000);
                assertNotNull(l, "no events.lagged after " + bytes + " bytes");
                bytes += l.length() + 1;
                Map<?, ?> msg = (Map<?, ?>) Json.parse(l);
                if ("events.lagged".equals(msg.get("method"))) {
                    lagged = msg;
                }
                assertTrue(bytes < 64L << 20, "a subscriber that does not read must not be buffered without bound");
            }
            long missed = ((Number) ((Map<?, ?>) lagged.get("params")).get("missed")).longValue();
            assertTrue(missed > 0, lagged::toString);
            assertEquals(null, stuck.peer.readLine(500), "nothing follows events.lagged: the subscription is over");
        }
    }

    @Test
    void snapshotPlusStreamHasNoGapWhileAnotherPeerHammersTheService() throws Exception {
        Thread hammer = new Thread(() -> {
            try (RawPeer changer = new RawPeer(tend.socket())) {
                for (int i = 0; i < 25; i++) {
                    changer.exchange("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"service.restart\",\"params\":{\"ref\":\"adhoc/w\"}}");
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        List<EventPeer> subs = new ArrayList<>();
        try {
            hammer.start();
            while (hammer.isAlive() && subs.size() < 12) {
                subs.add(new EventPeer(tend.socket(), "{}"));
                Thread.sleep(40);
            }
            hammer.join(TimeUnit.MINUTES.toMillis(2));
            long end;
            Map<?, ?> finalState;
            try (EventPeer probe = new EventPeer(tend.socket(), "{}")) {
                end = probe.seq();
                finalState = stateOf(probe.result, "w");
            }
            for (EventPeer sub : subs) {
                Map<String, Object> w = new HashMap<>();
                stateOf(sub.result, "w").forEach((k, v) -> w.put((String) k, v));
                long expect = sub.seq() + 1;
                while (expect <= end) {
                    Map<?, ?> n = sub.next(30_000);
                    assertNotNull(n, sub.id() + " is missing seq " + expect);
                    assertEquals(expect, EventPeer.seqOf(n), sub.id() + ": no gap, no repeat after snapshot seq " + sub.seq());
                    expect++;
                    Map<?, ?> s = service(n);
                    if (s != null && "w".equals(s.get("name"))) {
                        w.clear();
                        s.forEach((k, v) -> w.put((String) k, v));
                    }
                }
                assertEquals(finalState.get("state"), w.get("state"), sub.id() + ": snapshot + events = the state now");
                assertEquals(finalState.get("pid"), w.get("pid"));
            }
        } finally {
            for (EventPeer sub : subs) {
                sub.close();
            }
        }
    }

    private static Map<?, ?> stateOf(Map<?, ?> subscribeResult, String name) {
        Map<?, ?> snapshot = (Map<?, ?>) subscribeResult.get("snapshot");
        for (Object o : (List<?>) snapshot.get("services")) {
            Map<?, ?> s = (Map<?, ?>) o;
            if (name.equals(s.get("name"))) {
                return s;
            }
        }
        throw new AssertionError("no service " + name + " in " + snapshot);
    }

    @Test
    void logsFollowPrintsEveryLineOnceAcrossRotationAndExitsFourWhenTheDaemonStops() throws Exception {
        ok("daemon", "stop");
        Files.writeString(tend.home().resolve("config.yaml"), "logs: {max_file_size: 64KiB, files: 3}\n");
        ok("run", "--name", "count", "--", "sh", "-c",
                "i=0; while true; i=$((i+1)); do echo n$i; if [ $((i % 100)) -eq 0 ]; then sleep 0.05; fi; done");
        Process follow = tend.start("logs", "-f", "-n", "50", "adhoc/count");
        List<Long> numbers = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8));
            while (numbers.size() < 15_000) {
                String line = out.readLine();
                assertNotNull(line, "logs -f ended early after " + numbers.size() + " lines");
                numbers.add(Long.parseLong(line.substring(line.indexOf("| n") + 3)));
            }
            assertTrue(Files.exists(tend.stateDir().resolve("logs/adhoc/count.log.2")), "the log must have rotated");
            for (int i = 1; i < numbers.size(); i++) {
                assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "line " + i + ": no gap, no repeat");
            }
            Thread drain = new Thread(() -> { // keep reading, or logs -f blocks on a full pipe and never hears the news
                try {
                    while (out.readLine() != null) {
                        // discard
                    }
                } catch (java.io.IOException ignored) {
                    // the process is gone
                }
            });
            drain.start();
            ok("daemon", "stop");
            assertTrue(follow.waitFor(60, TimeUnit.SECONDS), "logs -f must end when the daemon stops");
            assertEquals(4, follow.exitValue());
            String err = new String(follow.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(err.contains("the daemon is stopping"), err);
        } finally {
            follow.destroyForcibly();
        }
    }

    @Test
    void eventsJsonPrintsOneNotificationPerLineAndExitsFourWhenTheDaemonStops() throws Exception {
        Process events = tend.start("events", "--json");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8));
            Map<?, ?> first;
            Thread restarter = restartWhile(events);
            String line = out.readLine();
            assertNotNull(line);
            first = (Map<?, ?>) Json.parse(line);
            assertEquals("service.changed", first.get("method"));
            assertTrue(((Map<?, ?>) first.get("params")).get("seq") instanceof Long, line);
            restarter.join();
            ok("daemon", "stop");
            String rest;
            String lastLine = line;
            while ((rest = out.readLine()) != null) {
                lastLine = rest;
            }
            assertEquals("daemon.stopping", ((Map<?, ?>) Json.parse(lastLine)).get("method"), lastLine);
            assertTrue(events.waitFor(60, TimeUnit.SECONDS));
            assertEquals(4, events.exitValue());
        } finally {
            events.destroyForcibly();
        }
    }

    @Test
    void ctrlCEndsEventsWithExitCode130AndLeavesTheDaemonServing() throws Exception {
        Process events = tend.start("events", "--json");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(events.getInputStream(), StandardCharsets.UTF_8));
            Thread restarter = restartWhile(events);
            assertNotNull(out.readLine(), "an event: the subscription is live");
            long daemon = tend.daemonPid();
            new ProcessBuilder("kill", "-INT", Long.toString(events.pid())).start().waitFor();
            assertTrue(events.waitFor(60, TimeUnit.SECONDS), "Ctrl-C ends tend events");
            assertEquals(130, events.exitValue());
            restarter.join();
            assertEquals(0, tend.tend("daemon", "status").exit());
            assertEquals(daemon, tend.daemonPid(), "the same daemon serves on");
        } finally {
            events.destroyForcibly();
        }
    }

    /** The subscription is live some time after the JVM starts: restarts a service until an event shows up. */
    private Thread restartWhile(Process events) {
        Thread restarter = new Thread(() -> {
            try {
                for (int i = 0; i < 20 && events.isAlive(); i++) {
                    tend.tend("restart", "adhoc/w");
                }
            } catch (Exception ignored) {
                // the caller's assertions report what matters
            }
        });
        restarter.start();
        return restarter;
    }
}
