package dev.tend.it;

import dev.tend.protocol.json.Json;
import dev.tend.protocol.json.JsonObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * process-compose's own project files (its fixtures, examples, demo and issue reproductions, copied with their
 * licence into src/test/resources/process-compose-corpus) read
 * by the built bin/tend: each is accepted or refused as process-compose accepts or refuses it, and the dependency
 * fixtures run their processes in the order their conditions demand.
 */
class ProcessComposeCorpusIT {
    private static final Path CORPUS = TendHome.ROOT.resolve("integration-tests/src/test/resources/process-compose-corpus");

    /** process-compose refuses these too (its own tests expect the error). */
    private static final Set<String> REFUSED_BY_PROCESS_COMPOSE = Set.of("process-compose-circular.yaml");

    /** How a run ends in the history: a task (restart no) completes, a service that may restart exits. */
    private static final Set<String> ENDS = Set.of("completed", "exited");

    private TendHome tend;
    private Path copy;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        // a copy inside the test's own home: the daemon remembers projects by directory
        copy = tend.home().resolve("corpus");
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(CORPUS.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    @Test
    void everyCorpusFileIsAcceptedOrRefusedAsProcessComposeDoes() throws Exception {
        List<Path> files = corpusFiles();
        assertEquals(63, files.size(), "the corpus: " + files);
        List<String> wrong = new ArrayList<>();
        for (Path f : files) {
            TendHome.Result r = tend.tendIn(f.getParent(), "config", "-f", f.getFileName().toString(), "--json");
            boolean refuse = REFUSED_BY_PROCESS_COMPOSE.contains(f.getFileName().toString());
            if (refuse == (r.exit() == 0)) {
                wrong.add(f.getFileName() + (refuse ? " accepted" : " refused") + ": " + r);
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aCircularDependencyIsRefusedWithTheLineAndTheCycle() throws Exception {
        Path f = copy.resolve("fixtures-code/process-compose-circular.yaml");
        TendHome.Result r = tend.tendIn(f.getParent(), "up", "-f", f.getFileName().toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("process-compose-circular.yaml:12: depends_on cycle: process1 -> process2 -> process1"),
                r.toString());
    }

    @Test
    void theDependencyFixturesStartEachProcessOnlyOnceItsConditionHolds() throws Exception {
        for (String fixture : List.of("fixtures/process-compose-chain-arrow.yaml",
                "fixtures/process-compose-chain-rhombus.yaml", "fixtures/process-compose-many-for-one.yaml",
                "fixtures/process-compose-one-for-many.yaml", "fixtures/process-compose-odd-then-even.yaml",
                "fixtures-code/process-compose-chain.yaml")) {
            assertRunsInConditionOrder(fixture);
        }
    }

    /** Runs the fixture alone in its own directory and checks every depends_on edge against the history. */
    private void assertRunsInConditionOrder(String fixture) throws Exception {
        String name = Path.of(fixture).getFileName().toString();
        Path dir = Files.createDirectories(tend.home().resolve("projects").resolve(name.replaceAll("\\W", "-")));
        Files.copy(copy.resolve(fixture), dir.resolve(name));
        Map<String, Map<String, String>> conditions = conditions(dir, name);
        assertFalse(conditions.isEmpty(), fixture);
        TendHome.Result up = tend.tendIn(dir, "up", "-f", name);
        assertEquals(0, up.exit(), fixture + ": " + up);
        String project = dir.getFileName().toString();
        Map<String, List<Map<String, Object>>> history = new LinkedHashMap<>();
        for (String service : conditions.keySet()) {
            history.put(service, TendProject.await(fixture + ": " + service + " has exited", () -> {
                List<Map<String, Object>> h = TendProject.objects(
                        tend.tendIn(dir, "history", project + "/" + service, "--json").out());
                return h.stream().anyMatch(e -> ENDS.contains(e.get("kind"))) ? h : null;
            }));
        }
        for (Map.Entry<String, Map<String, String>> s : conditions.entrySet()) {
            Instant started = first(history.get(s.getKey()), Set.of("started"));
            for (Map.Entry<String, String> dep : s.getValue().entrySet()) {
                // completed and completed_successfully wait for the end; started and ready for the start
                Set<String> after = dep.getValue().startsWith("completed") ? ENDS : Set.of("started");
                Instant then = first(history.get(dep.getKey()), after);
                assertFalse(started.isBefore(then), fixture + ": " + s.getKey() + " started at " + started
                        + ", before " + dep.getKey() + " " + after + " at " + then + " (" + dep.getValue() + ")");
            }
        }
        assertEquals(0, tend.tendIn(dir, "down").exit(), fixture);
    }

    /** service -> (dependency -> condition), as `tend config --json` reads the file. */
    private Map<String, Map<String, String>> conditions(Path dir, String file) throws IOException, InterruptedException {
        TendHome.Result r = tend.tendIn(dir, "config", "-f", file, "--json");
        assertEquals(0, r.exit(), r.toString());
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Object s : JsonObjects.array(JsonObjects.object(Json.parse(r.out().trim())).get("services"))) {
            Map<String, Object> service = JsonObjects.object(s);
            Map<String, String> deps = new LinkedHashMap<>();
            JsonObjects.object(service.get("conditions")).forEach((k, v) -> deps.put(k, String.valueOf(v)));
            out.put(JsonObjects.string(service, "name"), deps);
        }
        return out;
    }

    private static Instant first(List<Map<String, Object>> history, Set<String> kinds) {
        return history.stream().filter(e -> kinds.contains(e.get("kind")))
                .map(e -> Instant.parse(String.valueOf(e.get("time")))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kinds + " in " + history));
    }

    private List<Path> corpusFiles() throws IOException {
        try (Stream<Path> files = Files.walk(copy)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        }
    }
}
