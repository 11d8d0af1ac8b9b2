package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.ProjectInfo;
import dev.tend.daemon.core.projects.ReloadResult;
import dev.tend.daemon.core.ServiceSnapshot;
import dev.tend.daemon.core.health.AliveStatus;
import dev.tend.daemon.core.ServiceState;
import dev.tend.daemon.core.ServiceUsage;
import dev.tend.daemon.core.StateStore.HistoryRecord;
import dev.tend.daemon.core.jobs.JobChanges;
import dev.tend.daemon.core.jobs.JobRun;
import dev.tend.daemon.core.jobs.JobSnapshot;
import dev.tend.daemon.core.logs.LogLine;
import dev.tend.daemon.core.logs.LogStream;
import dev.tend.protocol.Methods;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * protocol-schema.json, the one written account of the wire, held to what runs: every method of the dispatch table
 * has its result and errors, every notification name of Methods its params, and the views as Views, JobViews and
 * LogLinesJson build them fit their schemas (closed objects: a field added to a view without its schema fails here).
 */
class ProtocolSchemaTest {
    private static final ObjectMapper MAPPER = RpcMapper.create();
    private static final Instant T = Instant.parse("2026-12-04T15:44:09Z");

    private final JsonRpcEndpoint endpoint = tendEndpoint();
    private final JsonNode document = RpcAssertions.parse(endpoint.handle(
            "{\"jsonrpc\":\"2.0\",\"method\":\"rpc.discover\",\"id\":1}")).get("result");
    private final WireSchemas schemas = new WireSchemas(document, MAPPER);

    private static JsonRpcEndpoint tendEndpoint() {
        Constructor<?> constructor = TendRpc.class.getConstructors()[0];
        try {
            return new JsonRpcEndpoint(MAPPER, constructor.newInstance(new Object[constructor.getParameterCount()]));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build TendRpc with null collaborators", e);
        }
    }

    @Test
    void everyMethodHasItsResultAndErrorsWrittenDownAndNothingElseIs() {
        JsonNode shapes = OpenRpc.shapes(MAPPER);
        assertEquals(endpoint.methodNames(), names(shapes.get("results")));
        Set<String> withErrors = names(shapes.get("errors"));
        withErrors.remove("$comment");
        assertEquals(endpoint.methodNames(), withErrors);
    }

    @Test
    void everyMethodsErrorsIncludeInvalidParamsButOnlyHelloAnswersVersionMismatch() {
        for (JsonNode m : document.get("methods")) {
            Set<String> refs = new HashSet<>();
            m.get("errors").forEach(e -> refs.add(e.get("$ref").asText()));
            String name = m.get("name").asText();
            assertTrue(refs.contains("#/components/errors/INVALID_PARAMS"), name);
            assertEquals(name.equals(Methods.DAEMON_HELLO), refs.contains("#/components/errors/VERSION_MISMATCH"), name);
        }
    }

    @Test
    void everyResultAndNotificationSchemaResolvesItsRefs() {
        // validating anything walks every $ref of the schema: one that points nowhere throws
        for (JsonNode m : document.get("methods")) {
            schemas.problems(m.get("result").get("schema"), MAPPER.createObjectNode());
        }
        for (JsonNode n : document.get(OpenRpc.NOTIFICATIONS)) {
            for (JsonNode p : n.get("params")) {
                schemas.problems(p.get("schema"), MAPPER.createObjectNode());
            }
        }
    }

    @Test
    void everyNotificationNameOfMethodsIsDescribed() throws IllegalAccessException {
        Set<String> notifications = new TreeSet<>();
        for (Field f : Methods.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                notifications.add((String) f.get(null));
            }
        }
        notifications.removeAll(endpoint.methodNames());
        Set<String> described = new TreeSet<>();
        document.get(OpenRpc.NOTIFICATIONS).forEach(n -> described.add(n.get("name").asText()));
        assertEquals(notifications, described);
    }

    @Test
    void aServiceViewFitsItsSchemaRunningAndStopped() {
        assertFits("ServiceView", Views.service(new ServiceSnapshot("web", "api", ServiceState.RUNNING, 42, 1, null,
                null, T, T.plusNanos(123_456_789), 1.25, 4096, 8080, null, true)));
        assertFits("ServiceView", Views.service(new ServiceSnapshot("web", "api", ServiceState.CRASHED, 0, 3, 1,
                "SIGKILL", null, T, 0, 0, 0, "exited 1", false)));
        assertFits("ServiceView", Views.service(new ServiceSnapshot("web", "api", ServiceState.READY, 42, 0, null,
                null, T, T, 0, 0, 0, "unhealthy 2/3: HTTP 503", true, new AliveStatus(2, 3, "HTTP 503"))));
        assertFits("ServiceView", Views.service(new ServiceSnapshot("web", "api", ServiceState.READY, 42, 0, null,
                null, T, T, 0, 0, 0, null, true, new AliveStatus(0, 3, null))));
    }

    @Test
    void aServiceViewWithAFieldTheSchemaLacksIsRejected() {
        Map<String, Object> view = Views.service(new ServiceSnapshot("web", "api", ServiceState.RUNNING, 42, 1, null,
                null, T, T, 1.25, 4096, 8080, null, true));
        view.put("uptime", 5);
        assertFalse(schemas.problemsWithView("ServiceView", view).isEmpty());
    }

    @Test
    void projectHistoryReloadAndUsageViewsFitTheirSchemas() {
        assertFits("ProjectView", Views.project(new ProjectInfo("web", Path.of("/srv/web"), Path.of("/srv/web/tend.yaml"),
                List.of("api"), null)));
        assertFits("ProjectView", Views.project(new ProjectInfo("web", null, null, List.of(), "its file is gone")));
        assertFits("HistoryEntry", Views.history(new HistoryRecord("web", "api", T, "exited", 42, 0, null, null)));
        assertFits("ReloadResult", Views.reload(new ReloadResult("web", List.of("a"), List.of(), List.of("b"),
                List.of("c"), new JobChanges(List.of(), List.of("j"), List.of()))));
        assertFits("UsageSample", Views.usage(new ServiceUsage("web", "api", 42, 3.14159, 1 << 20)));
    }

    @Test
    void jobAndRunViewsFitTheirSchemas() {
        JobRun ended = new JobRun(7, "web", "backup", JobRun.Trigger.CATCH_UP, T, T, T.plusSeconds(3), 0, null,
                JobRun.Outcome.SUCCEEDED, 99, null);
        JobRun skipped = new JobRun(8, "web", "backup", JobRun.Trigger.SCHEDULE, T, null, null, null, null,
                JobRun.Outcome.SKIPPED, 0, "a run was under way");
        assertFits("RunView", JobViews.run(ended));
        assertFits("RunView", JobViews.run(skipped));
        JobSpec spec = new JobSpec("backup", "0 3 * * *", "true", Path.of("/tmp"), Map.of(), ZoneId.of("UTC"),
                JobSpec.Overlap.QUEUE, Duration.ofMinutes(10), true);
        assertFits("JobView", JobViews.job(new JobSnapshot("web", spec, 1, true, T, ended, false)));
        assertFits("JobView", JobViews.job(new JobSnapshot("web", spec, 0, false, null, null, true)));
    }

    @Test
    void logLinesFitTheirSchemaWithAndWithoutTheJob() throws Exception {
        List<LogLine> lines = List.of(new LogLine(T, LogStream.OUT, "hello"), new LogLine(T.plusMillis(5), LogStream.ERR, "oops"));
        for (JsonNode line : MAPPER.readTree(LogLinesJson.array("web", "api", lines).rawValue().toString())) {
            assertFits("LogLineView", line);
        }
        for (JsonNode line : MAPPER.readTree(LogLinesJson.array("web", "backup", "backup", lines).rawValue().toString())) {
            assertFits("LogLineView", line);
        }
    }

    @Test
    void timestampsAreUtcWithExactlyThreeFractionDigits() {
        assertEquals("2026-12-04T15:44:09.000Z", WireTime.of(T));
        assertEquals("2026-12-04T15:44:09.123Z", WireTime.of(T.plusNanos(123_456_789)));
        assertTrue(schemas.problemsWithView("Timestamp", MAPPER.valueToTree(T.toString())).size() > 0,
                "Instant.toString's shape must not pass for a Timestamp");
    }

    private void assertFits(String view, Object value) {
        List<String> problems = schemas.problemsWithView(view, value);
        assertTrue(problems.isEmpty(), view + " " + value + ": " + problems);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
