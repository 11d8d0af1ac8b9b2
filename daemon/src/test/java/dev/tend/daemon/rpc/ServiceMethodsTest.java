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

/**
 * service.* over the real supervisor, as a careless user meets them: each foreseeable refusal has its code and says
 * what is wrong; what is refused changes nothing.
 */
class ServiceMethodsTest extends RealEndpointTest {
    /** Registered, started by hand only: the refusals need no process. */
    private static final String SHOP = """
            services:
              api:
                command: "exec sleep 300"
                autostart: false
                replicas: 2
              web:
                command: "exec sleep 300"
                autostart: false
            """;

    private Path shop;

    @BeforeEach
    void start() {
        shop = rpc.up("shop", SHOP);
    }

    private String inShop(String ref) {
        return "{\"ref\":" + quote(ref) + ",\"dir\":" + quote(shop.toString()) + "}";
    }

    @Test
    void aMistypedServiceIsNotFoundWithTheNearestNameOfTheCallersProject() {
        assertEquals("no service named 'webb' in the project of " + shop + " (did you mean 'web'?)",
                rpc.message("service.start", inShop("webb"), ErrorCode.NOT_FOUND));
    }

    @Test
    void aNameNothingIsCloseToPointsAtTheListCommand() {
        assertEquals("no service named 'zzzzzzzz' (see `tend ps --all`)",
                rpc.message("service.stop", "{\"ref\":\"zzzzzzzz\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void aCopyThatDoesNotExistNamesTheCopiesThatDo() {
        assertEquals("no copy 'api#9': api runs 2 copies (api#1, api#2)",
                rpc.message("service.start", inShop("api#9"), ErrorCode.NOT_FOUND));
    }

    @Test
    void aCopyOfAServiceThatDoesNotExistSaysTheServiceIsUnknown() {
        assertEquals("no service named 'nope' in the project of " + shop + " (see `tend ps --all`)",
                rpc.message("service.start", inShop("nope#2"), ErrorCode.NOT_FOUND));
    }

    @Test
    void aReplicatedServiceWhereOneServiceIsNeededAsksForOneCopy() {
        assertEquals("'api' runs 2 copies: name one (api#1, api#2)",
                rpc.message("service.history", inShop("api"), ErrorCode.INVALID_PARAMS));
        assertEquals("'shop/api' runs 2 copies: name one (api#1, api#2)",
                rpc.message("logs.read", "{\"ref\":\"shop/api\"}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aProjectRefWithAnUnknownProjectSaysWhichAreRegistered() {
        assertEquals("no project named 'shp' is registered (did you mean 'shop'?)",
                rpc.message("service.start", "{\"ref\":\"shp/api\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void aProjectRefWithAnUnknownServiceListsTheProjectsServices() {
        assertEquals("project shop has no service 'db' (it has: api#1, api#2, web, api)",
                rpc.message("service.start", "{\"ref\":\"shop/db\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void aNameTwoProjectsHaveMustBeWrittenWithItsProject() {
        rpc.up("blog", SHOP);
        assertEquals("'web' is ambiguous: it is a service of shop, blog; write project/web",
                rpc.message("service.start", "{\"ref\":\"web\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void theCallersProjectDecidesBetweenTwoProjectsWithTheName() {
        Path blog = rpc.up("blog", SHOP);
        JsonNode history = rpc.result("service.history", "{\"ref\":\"web\",\"dir\":" + quote(blog.toString()) + "}");
        assertEquals("blog", history.get("project").textValue());
    }

    @Test
    void anEmptyRefNamesNothing() {
        assertEquals("empty name: give a service's name, or project/name", rpc.message("service.start", "{\"ref\":\" \"}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aDirWithNoProjectSaysHowToRegisterOne() {
        assertEquals("no tend project is registered for " + tmp + ": run `tend up` there first, or name the service as project/service",
                rpc.message("service.list", "{\"dir\":" + quote(tmp.toString()) + "}", ErrorCode.NOT_FOUND));
    }

    @Test
    void aRelativeDirIsRefusedRatherThanReadAgainstTheDaemonsOwnDirectory() {
        assertEquals("dir: 'shop' is not an absolute path (give the caller's working directory as an absolute path)",
                rpc.message("service.list", "{\"dir\":\"shop\"}", ErrorCode.INVALID_PARAMS));
        assertEquals("dir: '.' is not an absolute path (give the caller's working directory as an absolute path)",
                rpc.message("service.start", "{\"ref\":\"web\",\"dir\":\".\"}", ErrorCode.INVALID_PARAMS));
        assertEquals("dir: 'rel' is not an absolute path (give the caller's working directory as an absolute path)",
                rpc.message("service.start", "{\"ref\":\"shop/web\",\"dir\":\"rel\"}", ErrorCode.INVALID_PARAMS),
                "refused though a project/name does not need it: the same request, the same rule");
        assertEquals("stopped", rpc.state("shop", "web"));
    }

    @Test
    void aRunWithARelativeWorkingDirectoryIsRefusedAndAddsNothing() {
        assertEquals("cwd: 'sub' is not an absolute path (give the caller's working directory as an absolute path)",
                rpc.message("service.run", "{\"name\":\"once\",\"command\":\"true\",\"cwd\":\"sub\"}",
                        ErrorCode.INVALID_PARAMS));
        assertEquals(List.of(), names(rpc.result("service.list", "{\"project\":\"adhoc\"}").get("services")));
    }

    @Test
    void theAdhocProjectListsEmptyWhenNoAdhocServiceRuns() {
        JsonNode list = rpc.result("service.list", "{\"project\":\"adhoc\"}");
        assertEquals("adhoc", list.get("project").textValue());
        assertEquals(List.of(), names(list.get("services")));
    }

    @Test
    void listingAnUnknownProjectIsNotFound() {
        assertEquals("no project named 'nope' is registered (registered: shop)",
                rpc.message("service.list", "{\"project\":\"nope\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void aListOfADirSaysTheProjectItResolvedTo() {
        JsonNode list = rpc.result("service.list", "{\"dir\":" + quote(shop.resolve("sub").toString()) + "}");
        assertEquals("shop", list.get("project").textValue());
        assertEquals(List.of("api#1", "api#2", "web"), names(list.get("services")));
    }

    @Test
    void aListOfAGroupRefAnswersItsCopies() {
        JsonNode list = rpc.result("service.list", inShop("api"));
        assertEquals(List.of("api#1", "api#2"), names(list.get("services")));
    }

    @Test
    void anUnknownSignalIsInvalidAndNothingIsSignalled() {
        String message = rpc.message("service.signal", "{\"ref\":\"shop/web\",\"signal\":\"SIGFOO\"}",
                ErrorCode.INVALID_PARAMS);
        assertTrue(message.contains("SIGFOO"), message);
    }

    @Test
    void aSignalGivenWhereTheServiceGoesIsToldInTheRightOrder() {
        assertEquals("unknown signal 'web' (expected one of SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGKILL, SIGUSR1, "
                        + "SIGUSR2, ...); the signal comes first: tend signal HUP web",
                rpc.message("service.signal", "{\"ref\":\"HUP\",\"signal\":\"web\"}", ErrorCode.INVALID_PARAMS));
        String notASignal = rpc.message("service.signal", "{\"ref\":\"shop/web\",\"signal\":\"SIGFOO\"}",
                ErrorCode.INVALID_PARAMS);
        assertFalse(notASignal.contains("comes first"), notASignal);
    }

    @Test
    void scalingOneCopyIsRefusedWithTheCommandThatScalesTheService() {
        assertEquals("scale a service, not one copy: tend scale api 3",
                rpc.message("service.scale", "{\"ref\":\"api#1\",\"count\":3}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void scalingAnswersTheCopiesTheServiceRunsNow() {
        JsonNode scaled = rpc.result("service.scale", "{\"ref\":\"shop/api\",\"count\":3}");
        assertEquals("api", scaled.get("name").textValue());
        assertEquals(List.of("api#1", "api#2", "api#3"), names(scaled.get("copies")));
    }

    @Test
    void aHistoryLimitBelowOneIsInvalid() {
        assertEquals("limit must be at least 1", rpc.message("service.history",
                "{\"ref\":\"shop/web\",\"limit\":0}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aRunWithAnUnknownRestartPolicyNamesThePolicies() {
        assertEquals("unknown restart policy 'sometimes': use no, on-failure or always", rpc.message("service.run",
                "{\"name\":\"once\",\"command\":\"true\",\"cwd\":" + quote(tmp.toString()) + ",\"restart\":\"sometimes\"}",
                ErrorCode.INVALID_PARAMS));
        assertEquals(List.of("api#1", "api#2", "web"), names(rpc.result("service.list", "{}").get("services")),
                "nothing was added");
    }

    @Test
    void aRunAnswersTheServiceItStartedAsServiceListShowsIt() {
        JsonNode started = rpc.result("service.run", "{\"name\":\"once\",\"command\":\"exec sleep 300\",\"cwd\":"
                + quote(tmp.toString()) + "}");
        assertEquals("adhoc", started.get("project").textValue(), started.toString());
        assertEquals("once", started.get("name").textValue());
        assertEquals("ready", started.get("state").textValue());
        assertTrue(started.get("pid").longValue() > 0, started.toString());
    }

    @Test
    void aRunInADirectoryThatDoesNotExistIsInvalid() {
        Path missing = tmp.resolve("missing");
        assertEquals("working directory " + missing + " does not exist", rpc.message("service.run",
                "{\"name\":\"once\",\"command\":\"true\",\"cwd\":" + quote(missing.toString()) + "}",
                ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aRunWithACommandTooLongToEverStartIsInvalid() {
        // three bytes a char in UTF-8: 43,689 of them are 131,067 bytes
        assertEquals("the command is 131,067 bytes, over the 131,066 the kernel passes to a program in one argument; "
                + "put it in a script and run that", rpc.message("service.run",
                "{\"name\":\"once\",\"command\":\"" + "\u20ac".repeat(43_689) + "\"}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aRunWithABlankCommandIsInvalid() {
        assertEquals("no command given", rpc.message("service.run", "{\"name\":\"once\",\"command\":\" \"}",
                ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aRunWithAVariableNameThatCannotBeIsInvalid() {
        assertEquals("env: 'A=B' is not a variable name (empty, or has '=' or NUL)", rpc.message("service.run",
                "{\"name\":\"once\",\"command\":\"true\",\"env\":{\"A=B\":\"1\"}}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void removingAServiceOfAProjectFileIsAConflictThatSaysWhereToRemoveIt() {
        assertEquals("shop/web belongs to a project file: remove it there and run `tend reload`",
                rpc.message("service.remove", "{\"ref\":\"shop/web\"}", ErrorCode.CONFLICT));
        assertEquals("stopped", rpc.state("shop", "web"));
    }

    @Test
    void removingABlankNameIsInvalid() {
        assertEquals("empty name: give a service's name, or project/name", rpc.message("service.remove", "{\"ref\":\"\"}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void removingAnAdhocServiceThatDoesNotExistIsNotFound() {
        rpc.error("service.remove", "{\"ref\":\"adhoc/ghost\"}", ErrorCode.NOT_FOUND);
    }

    @Test
    void startAndStopAnswerTheServiceAsItIsThen() {
        JsonNode started = rpc.result("service.start", inShop("web"));
        assertEquals("shop", started.get("project").textValue());
        assertEquals("web", started.get("name").textValue());
        assertEquals("running", started.get("desired").textValue());
        JsonNode stopped = rpc.result("service.stop", inShop("web"));
        assertEquals("stopped", stopped.get("state").textValue());
        assertEquals("stopped", stopped.get("desired").textValue());
    }

    @Test
    void aGroupRefStartsEveryCopyAndAnswersEachUnderTheNameGiven() {
        JsonNode started = rpc.result("service.start", "{\"ref\":\"shop/api\"}");
        assertEquals("shop", started.get("project").textValue());
        assertEquals("api", started.get("name").textValue());
        assertEquals(List.of("api#1", "api#2"), names(started.get("copies")));
        rpc.result("service.stop", "{\"ref\":\"shop/api\"}");
    }

}
