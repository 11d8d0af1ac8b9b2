package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tend.protocol.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.tend.daemon.rpc.RpcHarness.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** job.* over the real scheduler: each foreseeable refusal has its code and words; a refused add adds nothing. */
class JobMethodsTest extends RealEndpointTest {
    private static final String SHOP = """
            services:
              web:
                command: "exec sleep 300"
                autostart: false
            jobs:
              backup:
                schedule: "0 3 * * *"
                command: "echo saved; exit 3"
            """;

    private Path shop;

    @BeforeEach
    void start() {
        shop = rpc.up("shop", SHOP);
    }

    private String add(String extra) {
        return "{\"name\":\"nightly\",\"schedule\":\"@every 1h\",\"command\":\"true\",\"cwd\":" + quote(tmp.toString())
                + extra + "}";
    }

    private void assertRefusedAdd(String extra, String message) {
        assertEquals(message, rpc.message("job.add", add(extra), ErrorCode.INVALID_PARAMS));
        assertEquals(List.of("backup"), jobNames(), "nothing was added");
    }

    @Test
    void anUnknownTimezoneIsInvalidWithAnExample() {
        assertRefusedAdd(",\"timezone\":\"Mars/Olympus\"", "unknown timezone 'Mars/Olympus' (e.g. Europe/Berlin, UTC)");
    }

    @Test
    void anUnknownOverlapPolicyNamesThePolicies() {
        assertRefusedAdd(",\"overlap\":\"sometimes\"", "unknown overlap policy 'sometimes': use skip, queue or allow");
    }

    @Test
    void aZeroTimeoutIsInvalid() {
        assertRefusedAdd(",\"timeout\":\"0s\"", "bad timeout: timeout must be more than zero");
    }

    @Test
    void aTimeoutTooLongForAnyClockIsInvalidNotInternal() {
        String message = rpc.message("job.add", add(",\"timeout\":\"200000000000d\""), ErrorCode.INVALID_PARAMS);
        assertEquals("bad timeout: bad duration '200000000000d': too long (at most 36500d, 100 years)", message);
    }

    @Test
    void aTimeoutWithoutUnitIsInvalid() {
        String message = rpc.message("job.add", add(",\"timeout\":\"10\""), ErrorCode.INVALID_PARAMS);
        assertTrue(message.startsWith("bad timeout: "), message);
    }

    @Test
    void aScheduleThatIsNotOneIsInvalid() {
        String message = rpc.message("job.add",
                "{\"name\":\"nightly\",\"schedule\":\"every day\",\"command\":\"true\"}", ErrorCode.INVALID_PARAMS);
        assertTrue(message.contains("every day"), message);
        assertEquals(List.of("backup"), jobNames());
    }

    @Test
    void anEveryIntervalTooLongToComeDueIsInvalidNotAnInternalError() {
        assertEquals("job 'nightly': bad schedule '@every 99999999999999d': bad duration '99999999999999d': too long (at most 36500d, 100 years)",
                rpc.message("job.add", "{\"name\":\"nightly\",\"schedule\":\"@every 99999999999999d\",\"command\":\"true\"}",
                        ErrorCode.INVALID_PARAMS));
        assertEquals(List.of("backup"), jobNames(), "nothing was added");
    }

    @Test
    void aBlankScheduleIsInvalidWithExamples() {
        assertEquals("no schedule given (e.g. \"0 3 * * *\" or \"@every 10m\")", rpc.message("job.add",
                "{\"name\":\"nightly\",\"schedule\":\" \",\"command\":\"true\"}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aNameWithASlashIsInvalid() {
        String message = rpc.message("job.add", "{\"name\":\"a/b\",\"schedule\":\"@every 1h\",\"command\":\"true\"}",
                ErrorCode.INVALID_PARAMS);
        assertTrue(message.contains("a/b"), message);
    }

    @Test
    void aCwdThatDoesNotExistIsInvalid() {
        Path missing = tmp.resolve("missing");
        assertEquals("working directory " + missing + " does not exist", rpc.message("job.add",
                "{\"name\":\"nightly\",\"schedule\":\"@every 1h\",\"command\":\"true\",\"cwd\":"
                        + quote(missing.toString()) + "}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aRelativeCwdIsRefusedAndNoJobIsAdded() {
        assertEquals("cwd: 'work' is not an absolute path (give the caller's working directory as an absolute path)",
                rpc.message("job.add", "{\"name\":\"nightly\",\"schedule\":\"@every 1h\",\"command\":\"true\","
                        + "\"cwd\":\"work\"}", ErrorCode.INVALID_PARAMS));
        rpc.error("job.history", "{\"ref\":\"adhoc/nightly\"}", ErrorCode.NOT_FOUND);
    }

    @Test
    void addingAnAdhocJobTwiceIsAConflict() {
        JsonNode added = rpc.result("job.add", add(""));
        assertEquals("adhoc", added.get("project").textValue());
        assertEquals("nightly", added.get("name").textValue());
        rpc.error("job.add", add(""), ErrorCode.CONFLICT);
    }

    @Test
    void removingAJobOfAProjectFileIsAConflictThatSaysWhereToRemoveIt() {
        assertEquals("shop/backup belongs to a project file: remove it there and run `tend reload`",
                rpc.message("job.remove", "{\"ref\":\"shop/backup\"}", ErrorCode.CONFLICT));
        assertEquals(List.of("backup"), jobNames());
    }

    @Test
    void removingAnUnknownAdhocJobIsNotFound() {
        assertEquals("no ad-hoc job named 'ghost'",
                rpc.message("job.remove", "{\"ref\":\"adhoc/ghost\"}", ErrorCode.NOT_FOUND));
        assertEquals("empty name: give a job's name, or project/name", rpc.message("job.remove", "{\"ref\":\"\"}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void removingAnAdhocJobAnswersItsRef() {
        rpc.result("job.add", add(""));
        assertEquals("adhoc/nightly", rpc.result("job.remove", "{\"ref\":\"nightly\"}").get("removed").textValue());
        assertEquals(List.of("backup"), jobNames());
    }

    @Test
    void aMistypedJobIsNotFoundWithTheNearestName() {
        assertEquals("no job named 'backpu' in the project of " + shop + " (did you mean 'backup'?)",
                rpc.message("job.run", "{\"ref\":\"backpu\",\"dir\":" + quote(shop.toString()) + "}", ErrorCode.NOT_FOUND));
        assertEquals("project shop has no job 'restore' (it has: backup)",
                rpc.message("job.pause", "{\"ref\":\"shop/restore\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void aProjectWithoutJobsSaysItHasNone() {
        rpc.up("blog", "services:\n  web:\n    command: \"exec sleep 300\"\n    autostart: false\n");
        assertEquals("project blog has no job 'backup' (it has none)",
                rpc.message("job.history", "{\"ref\":\"blog/backup\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void theLogsOfAJobThatHasNotRunAreNotFound() {
        assertEquals("job shop/backup has not run yet",
                rpc.message("job.logs", "{\"ref\":\"shop/backup\"}", ErrorCode.NOT_FOUND));
        assertEquals("job shop/backup has no run 42 (see `tend job history backup`)",
                rpc.message("job.logs", "{\"ref\":\"shop/backup\",\"run\":42}", ErrorCode.NOT_FOUND));
    }

    @Test
    void aRunWaitedForAnswersItsExitAndItsLogReadsBack() {
        JsonNode ran = rpc.result("job.run", "{\"ref\":\"backup\",\"wait\":true}");
        assertEquals("shop", ran.get("project").textValue());
        assertFalse(ran.get("queued").booleanValue());
        assertEquals(3, ran.get("run").get("exitCode").intValue());

        JsonNode logs = rpc.result("job.logs", "{\"ref\":\"shop/backup\"}");
        assertEquals(ran.get("run").get("id"), logs.get("run").get("id"));
        assertEquals("saved", logs.get("lines").get(0).get("text").textValue());

        JsonNode history = rpc.result("job.history", "{\"ref\":\"shop/backup\"}");
        assertEquals(1, history.get("runs").size());
    }

    @Test
    void aRunWhileOneRunsIsAConflictUnderOverlapSkip() {
        rpc.result("job.add", "{\"name\":\"slow\",\"schedule\":\"@every 1h\",\"command\":\"exec sleep 300\",\"cwd\":"
                + quote(tmp.toString()) + "}");
        JsonNode first = rpc.result("job.run", "{\"ref\":\"slow\"}");
        long run = first.get("run").get("id").longValue();
        assertEquals("job adhoc/slow is already running (run " + run + ") and its overlap policy is skip; wait for it, or set overlap: queue or allow",
                rpc.message("job.run", "{\"ref\":\"slow\"}", ErrorCode.CONFLICT));
    }

    @Test
    void aBadStreamOrPositionOfJobLogsIsInvalid() {
        rpc.result("job.run", "{\"ref\":\"backup\",\"wait\":true}");
        assertEquals("unknown stream 'both': use out or err",
                rpc.message("job.logs", "{\"ref\":\"shop/backup\",\"stream\":\"both\"}", ErrorCode.INVALID_PARAMS));
        String message = rpc.message("job.logs", "{\"ref\":\"shop/backup\",\"after\":\"nonsense\"}", ErrorCode.INVALID_PARAMS);
        assertTrue(message.startsWith("bad 'after' position: "), message);
    }

    @Test
    void aHistoryLimitBelowOneIsInvalid() {
        assertEquals("limit must be at least 1",
                rpc.message("job.history", "{\"ref\":\"shop/backup\",\"limit\":0}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void pauseAndResumeAnswerTheJobAsItIsNow() {
        assertTrue(rpc.result("job.pause", "{\"ref\":\"shop/backup\"}").get("paused").booleanValue());
        assertFalse(rpc.result("job.resume", "{\"ref\":\"shop/backup\"}").get("paused").booleanValue());
    }

    @Test
    void listingTheJobsOfAnUnknownProjectIsNotFound() {
        assertEquals("no project named 'nope' is registered (registered: shop)",
                rpc.message("job.list", "{\"project\":\"nope\"}", ErrorCode.NOT_FOUND));
        assertEquals(List.of("backup"), names(rpc.result("job.list", "{\"dir\":" + quote(shop.toString()) + "}").get("jobs")));
    }

    private List<String> jobNames() {
        return names(rpc.result("job.list", "{}").get("jobs"));
    }

}
