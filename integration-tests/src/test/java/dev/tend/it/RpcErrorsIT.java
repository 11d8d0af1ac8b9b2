package dev.tend.it;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every RPC method of the real daemon, called with what a user or a peer gets wrong: references to nothing,
 * names already taken, names and values the daemon refuses. Each answer must carry the documented code and the
 * daemon's own words; -32603 is for bugs only, so none of these may be one, and daemon.log must hold no error.
 */
class RpcErrorsIT {
    private static final int INVALID = -32602;
    private static final int NOT_FOUND = -32001;
    private static final int CONFLICT = -32002;
    private static final int INVALID_CONFIG = -32003;

    private static TendHome tend;
    private static TendProject shop;
    private static String dir;

    private final List<String> failures = new ArrayList<>();
    private final Set<String> walked = new TreeSet<>();

    @BeforeAll
    static void startProject() throws Exception {
        tend = new TendHome();
        shop = new TendProject(tend, "shop", """
                project: shop
                services:
                  worker:
                    command: sleep 600
                  api:
                    command: sleep 600
                jobs:
                  enqueue:
                    schedule: "@every 1h"
                    command: "true"
                """);
        dir = shop.dir().toString();
        shop.ok("up", "--wait");
        shop.ok("run", "--name", "scratch", "--", "sleep", "600");
        shop.ok("job", "add", "tick", "--schedule", "@every 1h", "--", "true");
    }

    @AfterAll
    static void stop() throws Exception {
        tend.close();
    }

    private static Map<String, Object> p(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Calls the method; records a failure unless the answer is an error with this code whose words hold the text. */
    private void expect(String method, Map<String, Object> params, int code, String words) throws Exception {
        walked.add(method);
        Map<String, Object> request = p("jsonrpc", "2.0", "id", 1, "method", method, "params", params);
        String answer;
        try (RawPeer peer = new RawPeer(tend.socket())) {
            answer = peer.exchange(Json.write(request));
        }
        Object e = JsonObjects.object(Json.parse(answer)).get("error");
        Map<String, Object> error = e == null ? null : JsonObjects.object(e);
        String said = error == null ? "" : error.get("message") + (error.get("data") instanceof String d ? ": " + d : "");
        if (error == null || ((Long) error.get("code")) != code || !said.contains(words)) {
            failures.add(method + " " + Json.write(params) + "\n    wanted " + code + " saying \"" + words
                    + "\"\n    got    " + answer);
        }
    }

    /** Calls the method; records a failure unless it succeeds. */
    private void accepted(String method, Map<String, Object> params) throws Exception {
        walked.add(method);
        String answer;
        try (RawPeer peer = new RawPeer(tend.socket())) {
            answer = peer.exchange(Json.write(p("jsonrpc", "2.0", "id", 1, "method", method, "params", params)));
        }
        if (!JsonObjects.object(Json.parse(answer)).containsKey("result")) {
            failures.add(method + " " + Json.write(params) + "\n    wanted a result\n    got    " + answer);
        }
    }

    @Test
    void everyMethodAnswersBadInputWithItsCodeAndTheDaemonsWords() throws Exception {
        String nul = "a\u0000b";
        String tooLong = "x".repeat(300);

        expect("daemon.hello", p("client", 5), INVALID, "'client'");
        expect("daemon.status", p("bogus", 1), INVALID, "unknown parameter 'bogus'");
        expect("daemon.shutdown", p("reason", 5), INVALID, "'reason'");
        expect("daemon.reload", p("bogus", 1), INVALID, "unknown parameter 'bogus'");

        expect("project.up", p(), INVALID, "give the project's dir or file");
        expect("project.up", p("dir", "/nonexistent-" + System.nanoTime()), INVALID_CONFIG, "no such file or directory");
        expect("project.up", p("file", "tend.yaml"), INVALID, "absolute");
        expect("project.up", p("dir", nul), INVALID, "not a valid path");
        expect("project.up", p("dir", dir, "services", List.of("wroker")), NOT_FOUND, "did you mean 'worker'");
        expect("project.up", p("dir", dir, "wait", true, "waitSeconds", -5), INVALID, "waitSeconds");
        expect("project.up", p("dir", dir, "env", p("A=B", "1")), INVALID, "'A=B'");
        expect("project.up", p("dir", dir, "file", "tend.yaml", "files", List.of("tend.yaml")), INVALID, "not both");
        expect("project.up", p("dir", dir, "files", List.of("tend.yaml", "nope.yaml")), INVALID_CONFIG, "no such file");
        expect("project.down", p(), INVALID, "give a project or a dir");
        expect("project.down", p("project", "nosuch"), NOT_FOUND, "no project named 'nosuch'");
        expect("project.down", p("project", "shop", "services", List.of("nosuch")), NOT_FOUND, "no service named 'nosuch'");
        expect("project.down", p("dir", nul), INVALID, "not a valid path");
        expect("project.list", p("bogus", 1), INVALID, "unknown parameter 'bogus'");
        expect("project.forget", p(), INVALID, "give a project or a dir");
        expect("project.forget", p("project", "shp"), NOT_FOUND, "did you mean 'shop'");
        expect("project.forget", p("dir", nul), INVALID, "not a valid path");
        expect("project.forget", p("project", "shop", "purge", "yes"), INVALID, "'purge'");
        expect("project.reload", p("project", "shp"), NOT_FOUND, "did you mean 'shop'");
        expect("project.reload", p("project", "adhoc"), CONFLICT, "has no file to reload");
        expect("project.export", p("format", "bogus", "project", "shop"), INVALID, "unknown format 'bogus'");
        expect("project.export", p("format", "systemd", "project", "nosuch"), NOT_FOUND, "no project named 'nosuch'");
        expect("project.export", p("format", "systemd"), INVALID, "give the project's dir or file");
        expect("project.config", p(), INVALID, "give the project's dir or file");
        expect("project.config", p("dir", "/nonexistent-" + System.nanoTime()), INVALID_CONFIG, "no such file or directory");
        expect("project.config", p("files", List.of("tend.yaml")), INVALID, "absolute");
        expect("project.config", p("dir", dir, "env", p("A=B", "1")), INVALID, "'A=B'");

        expect("service.list", p("project", "nosuch"), NOT_FOUND, "no project named 'nosuch'");
        for (String verb : List.of("start", "stop", "restart")) {
            expect("service." + verb, p("ref", "wroker", "dir", dir), NOT_FOUND, "did you mean 'worker'");
            expect("service." + verb, p("ref", "shop/wroker"), NOT_FOUND, "did you mean 'worker'");
            expect("service." + verb, p("ref", "shp/worker"), NOT_FOUND, "did you mean 'shop'");
            expect("service." + verb, p("ref", ""), INVALID, "empty name: give a service's name, or project/name");
        }
        expect("service.signal", p("ref", "shop/worker", "signal", "BOGUS"), INVALID, "unknown signal 'BOGUS'");
        expect("service.signal", p("ref", "nosuch", "signal", "HUP"), NOT_FOUND, "no service named 'nosuch'");
        expect("service.scale", p("ref", "shop/wroker", "count", 2), NOT_FOUND, "did you mean 'worker'");
        expect("service.scale", p("ref", "shop/worker", "count", 0), INVALID, "from 1 to 64, not 0");
        expect("service.scale", p("ref", "shop/worker", "count", 65), INVALID, "from 1 to 64, not 65");
        expect("service.scale", p("ref", "shop/worker", "count", "two"), INVALID, "'count'");
        expect("service.scale", p("ref", "shop/worker#2", "count", 2), INVALID, "scale a service, not one copy");
        expect("service.scale", p("ref", "shop/worker"), INVALID, "count");
        expect("service.restart", p("ref", "shop/worker", "rolling", "yes"), INVALID, "'rolling'");
        expect("service.scale", p("ref", "adhoc/scratch", "count", 2), CONFLICT, "no project file to scale it in");
        expect("service.run", p("name", "-x", "command", "true"), INVALID, "bad service name '-x'");
        expect("service.run", p("name", "a/b", "command", "true"), INVALID, "bad service name 'a/b'");
        expect("service.run", p("name", tooLong, "command", "true"), INVALID, "at most 100 characters");
        expect("service.run", p("name", "scratch", "command", "true"), CONFLICT, "already exists");
        expect("service.run", p("name", "x1", "command", ""), INVALID, "no command given");
        expect("service.run", p("name", "x2", "command", "true" + nul), INVALID, "NUL");
        expect("service.run", p("name", "x3", "command", "true", "cwd", "/nonexistent"), INVALID, "does not exist");
        expect("service.run", p("name", "x4", "command", "true", "cwd", nul), INVALID, "not a valid path");
        expect("service.run", p("name", "x5", "command", "true", "env", p("A=B", "1")), INVALID, "'A=B'");
        expect("service.run", p("name", "x6", "command", "true", "env", p("", "1")), INVALID, "''");
        expect("service.run", p("name", "x7", "command", "true", "restart", "sometimes"), INVALID, "unknown restart policy");
        accepted("service.run", p("name", "_x", "command", "sleep 600"));
        expect("service.remove", p("ref", "nosuch"), NOT_FOUND, "no ad-hoc service named 'nosuch'");
        expect("service.remove", p("ref", "shop/worker"), CONFLICT, "belongs to a project file");
        expect("service.remove", p("ref", ""), INVALID, "empty name: give a service's name, or project/name");
        expect("service.history", p("ref", "nosuch"), NOT_FOUND, "no service named 'nosuch'");
        expect("service.history", p("ref", "shop/worker", "limit", 0), INVALID, "limit must be at least 1");

        expect("logs.read", p("ref", "shop/wroker"), NOT_FOUND, "did you mean 'worker'");
        expect("logs.read", p("ref", "shop/worker", "tail", -1), INVALID, "tail must be 0");
        expect("logs.read", p("ref", "shop/worker", "since", "yesterday-ish"), INVALID, "bad 'since' value");
        expect("logs.read", p("ref", "shop/worker", "stream", "both"), INVALID, "unknown stream 'both'");
        expect("logs.read", p("ref", "shop/worker", "after", "garbage"), INVALID, "bad 'after' position");
        expect("logs.read", p("ref", "shop/worker", "before", "start"), INVALID, "'before' bounds a read 'after'");

        expect("job.list", p("project", "nosuch"), NOT_FOUND, "no project named 'nosuch'");
        expect("job.add", p("name", "-j", "schedule", "@every 1h", "command", "true"), INVALID, "bad job name '-j'");
        expect("job.add", p("name", "tick", "schedule", "@every 1h", "command", "true"), CONFLICT, "already exists");
        expect("job.add", p("name", "j1", "schedule", "now and then", "command", "true"), INVALID, "schedule");
        expect("job.add", p("name", "j2", "schedule", "@every 1h", "command", "true", "timezone", "Mars/Base"), INVALID, "unknown timezone");
        expect("job.add", p("name", "j3", "schedule", "@every 1h", "command", "true", "overlap", "maybe"), INVALID, "unknown overlap policy");
        expect("job.add", p("name", "j4", "schedule", "@every 1h", "command", "true", "timeout", "0s"), INVALID, "timeout");
        expect("job.add", p("name", "j5", "schedule", "@every 1h", "command", "true", "env", p("A=B", "1")), INVALID, "'A=B'");
        expect("job.add", p("name", "j6", "schedule", "@every 1h", "command", "true" + nul), INVALID, "NUL");
        expect("job.add", p("name", "j7", "schedule", "@every 1h", "command", "true", "cwd", nul), INVALID, "not a valid path");
        expect("job.remove", p("ref", "nosuch"), NOT_FOUND, "no ad-hoc job named 'nosuch'");
        expect("job.remove", p("ref", "shop/enqueue"), CONFLICT, "belongs to a project file");
        expect("job.remove", p("ref", ""), INVALID, "empty name: give a job's name, or project/name");
        expect("job.run", p("ref", "enqeue", "dir", dir), NOT_FOUND, "did you mean 'enqueue'");
        expect("job.run", p("ref", "shop/enqeue"), NOT_FOUND, "did you mean 'enqueue'");
        // jobs and services are resolved by one rule (rpc/Refs): a misspelt project is named as such
        expect("job.run", p("ref", "shp/enqueue"), NOT_FOUND, "did you mean 'shop'");
        for (String verb : List.of("pause", "resume")) {
            expect("job." + verb, p("ref", "shop/enqeue"), NOT_FOUND, "did you mean 'enqueue'");
            expect("job." + verb, p("ref", "nosuch"), NOT_FOUND, "no job named 'nosuch'");
            expect("job." + verb, p("ref", ""), INVALID, "empty name: give a job's name, or project/name");
        }
        expect("job.history", p("ref", "nosuch"), NOT_FOUND, "no job named 'nosuch'");
        expect("job.history", p("ref", "shop/enqueue", "limit", 0), INVALID, "limit must be at least 1");
        expect("job.logs", p("ref", "nosuch"), NOT_FOUND, "no job named 'nosuch'");
        expect("job.logs", p("ref", "shop/enqueue", "run", 99999), NOT_FOUND, "no run 99999");

        expect("events.subscribe", p("topics", List.of("bogus")), INVALID, "unknown topic 'bogus'");
        expect("events.subscribe", p("filter", p("bogus", 1)), INVALID, "unknown filter key 'bogus'");
        expect("events.unsubscribe", p("subscription", "nosuch"), NOT_FOUND, "no subscription 'nosuch'");

        assertTrue(failures.isEmpty(), () -> failures.size() + " wrong answers:\n" + String.join("\n", failures));
        assertEquals(methodsOfTheDaemon(), walked, "every method of rpc.discover is walked here: add cases for a new one");
        String daemonLog = Files.readString(tend.stateDir().resolve("daemon.log"));
        assertTrue(!daemonLog.contains("\"level\":\"ERROR\""), "no error logged: " + daemonLog);
        // and nothing half-made was left behind by a refused run
        String ps = shop.ok("ps", "--all").out();
        for (String refused : List.of("x1", "x2", "x3", "x4", "x5", "x6", "x7")) {
            assertTrue(!ps.contains(refused + " "), refused + " was not registered: " + ps);
        }
    }

    private static Set<String> methodsOfTheDaemon() throws Exception {
        try (RawPeer peer = new RawPeer(tend.socket())) {
            Map<String, Object> doc = JsonObjects.object(JsonObjects.object(Json.parse(
                    peer.exchange("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.discover\"}"))).get("result"));
            Set<String> names = new TreeSet<>();
            for (Object m : JsonObjects.array(doc.get("methods"))) {
                names.add(JsonObjects.string(JsonObjects.object(m), "name"));
            }
            return names;
        }
    }
}
