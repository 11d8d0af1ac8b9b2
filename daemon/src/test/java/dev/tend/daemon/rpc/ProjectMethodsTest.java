package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tend.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.tend.daemon.rpc.RpcHarness.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * project.* (up, down, forget, reload, list, export, config) over the real supervisor and project files: each
 * foreseeable refusal has its code and words, a malformed file is named with its line, and nothing registered changes.
 */
class ProjectMethodsTest extends RealEndpointTest {
    private static final String SHOP = """
            services:
              web:
                command: "exec sleep 300"
                autostart: false
            """;


    private static String dir(Path dir) {
        return "{\"dir\":" + quote(dir.toString()) + "}";
    }

    @Test
    void upWithoutDirOrFileSaysWhatToGive() {
        assertEquals("give the project's dir or file", rpc.message("project.up", "{}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void upOfARelativeFileWithoutItsDirIsInvalid() {
        assertEquals("file 'tend.yaml' must be an absolute path, or give the dir it is relative to",
                rpc.message("project.up", "{\"file\":\"tend.yaml\"}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void upOfARelativeDirIsInvalidAndRegistersNothing() {
        assertEquals("dir: 'shop' is not an absolute path (give the caller's working directory as an absolute path)",
                rpc.message("project.up", "{\"dir\":\"shop\"}", ErrorCode.INVALID_PARAMS));
        assertEquals(0, rpc.result("project.list", "{}").get("projects").size());
    }

    @Test
    void upWithFileAndFilesIsInvalid() {
        assertEquals("give file or files, not both", rpc.message("project.up",
                "{\"file\":\"/a/tend.yaml\",\"files\":[\"/b/tend.yaml\"]}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void upWithAWaitBelowOneSecondIsInvalid() {
        Path shop = rpc.projectDir("shop", SHOP);
        assertEquals("waitSeconds must be at least 1, got 0", rpc.message("project.up",
                "{\"dir\":" + quote(shop.toString()) + ",\"wait\":true,\"waitSeconds\":0}", ErrorCode.INVALID_PARAMS));
        assertEquals(0, rpc.result("project.list", "{}").get("projects").size(), "nothing was registered");
    }

    @Test
    void aMalformedFileIsInvalidConfigNamingFileAndLine() {
        Path shop = rpc.projectDir("shop", "services:\n  web:\n    comand: \"exec sleep 300\"\n");
        JsonNode error = rpc.error("project.up", dir(shop), ErrorCode.INVALID_CONFIG);
        assertEquals(shop.resolve("tend.yaml").toString(), error.get("data").get("file").textValue());
        assertEquals(3, error.get("data").get("line").intValue());
        assertTrue(error.get("message").textValue().contains("comand"), error.toString());
        assertEquals(0, rpc.result("project.list", "{}").get("projects").size(), "nothing was registered");
    }

    @Test
    void aJobIntervalTooLongToComeDueIsInvalidConfigAndRegistersNothing() {
        Path shop = rpc.projectDir("shop", SHOP + "jobs:\n  backup:\n    schedule: \"@every 99999999999999d\"\n    command: \"true\"\n");
        JsonNode error = rpc.error("project.up", dir(shop), ErrorCode.INVALID_CONFIG);
        assertTrue(error.get("message").textValue().contains("at most 36500d"), error.toString());
        assertEquals(0, rpc.result("project.list", "{}").get("projects").size(), "nothing was registered");
    }

    @Test
    void aDurationTooLongForAnyClockIsInvalidConfigNamingItsLine() {
        // the first failed probe's next attempt overflowed on a worker thread: the daemon died at each start
        Path shop = rpc.projectDir("shop", "services:\n  web:\n    command: \"sleep 100\"\n"
                + "    ready: { exec: \"false\", interval: 200000000000d }\n");
        JsonNode error = rpc.error("project.up", dir(shop), ErrorCode.INVALID_CONFIG);
        assertEquals(4, error.get("data").get("line").intValue(), error.toString());
        assertTrue(error.get("message").textValue().contains("too long (at most 36500d"), error.toString());
        assertEquals(0, rpc.result("project.list", "{}").get("projects").size(), "nothing was registered");
    }

    @Test
    void upOfAnotherDirectorysProjectOfTheSameNameIsAConflictAndTheFirstKeepsItsServices() {
        Path first = rpc.projectDir("one/shop", SHOP + "  only_one:\n    command: \"exec sleep 300\"\n    autostart: false\n");
        Path second = rpc.projectDir("two/shop", SHOP);
        rpc.result("project.up", dir(first));

        JsonNode error = rpc.error("project.up", dir(second), ErrorCode.CONFLICT);

        assertEquals("project 'shop' is registered from " + first + ": name this one otherwise (project: in its "
                + "tend.yaml), or `tend forget -p shop` to give the name to " + second,
                error.get("message").textValue());
        JsonNode listed = rpc.result("project.list", "{}").get("projects");
        assertEquals(1, listed.size());
        assertEquals(first.toString(), listed.get(0).get("dir").textValue());
        assertEquals(2, rpc.result("service.list", dir(first)).get("services").size(), "only_one is still there");
    }

    @Test
    void twoUpsAtOnceOfSameNamedProjectsFromTwoDirectoriesRegisterOneAndRefuseTheOther() throws Exception {
        for (int round = 0; round < 40; round++) {
            String name = "race" + round;
            Path a = rpc.projectDir("a/" + name, SHOP);
            Path b = rpc.projectDir("b/" + name, SHOP);
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                List<java.util.concurrent.Future<JsonNode>> answers = two.invokeAll(List.of(
                        () -> {
                            together.await();
                            return rpc.call("project.up", dir(a));
                        },
                        () -> {
                            together.await();
                            return rpc.call("project.up", dir(b));
                        }));
                int ok = 0;
                for (java.util.concurrent.Future<JsonNode> answer : answers) {
                    JsonNode response = answer.get();
                    if (response.has("result")) {
                        ok++;
                    } else {
                        assertEquals(ErrorCode.CONFLICT.code(), response.get("error").get("code").intValue(),
                                response.toString());
                    }
                }
                assertEquals(1, ok, "round " + round + ": exactly one of the two is registered");
            } finally {
                two.shutdownNow();
            }
        }
    }

    @Test
    void upOfAProjectWhoseRegisteredDirectoryIsGoneTakesItsName() throws Exception {
        Path moved = rpc.projectDir("old/shop", SHOP);
        rpc.result("project.up", dir(moved));
        Files.delete(moved.resolve("tend.yaml"));
        Files.delete(moved);
        Path now = rpc.projectDir("new/shop", SHOP);

        rpc.result("project.up", dir(now));

        assertEquals(now.toString(), rpc.result("project.list", "{}").get("projects").get(0).get("dir").textValue());
    }

    @Test
    void aDirWithoutProjectFileIsInvalidConfig() {
        Path empty = tmp.resolve("empty");
        rpc.projectDir("empty", "");
        rpc.error("project.up", dir(empty.resolve("nothing-here")), ErrorCode.INVALID_CONFIG);
    }

    @Test
    void upThatWaitsLongerThanTheServicesTakeToBeReadyFailsAndSaysWhereToLook() {
        Path shop = rpc.projectDir("shop", """
                services:
                  web:
                    command: "exec sleep 300"
                    ready: { exec: "false", interval: 100ms }
                """);
        assertEquals("not all services of shop were ready within 1 s (see `tend ps`)", rpc.message("project.up",
                "{\"dir\":" + quote(shop.toString()) + ",\"wait\":true,\"waitSeconds\":1}", ErrorCode.OPERATION_FAILED));
        assertEquals("running", rpc.state("shop", "web"), "the service runs on, not yet ready: only the wait ended");
    }

    @Test
    void upRegistersTheProjectAndAnswersItsServices() {
        Path shop = rpc.projectDir("shop", SHOP);
        JsonNode up = rpc.result("project.up", dir(shop));
        assertEquals(List.of("web"), names(up.get("services")));
        JsonNode listed = rpc.result("project.list", "{}").get("projects").get(0);
        assertEquals("shop", listed.get("name").textValue());
        assertEquals(shop.toString(), listed.get("dir").textValue());
    }

    @Test
    void downOfAnUnknownProjectSuggestsTheNearestName() {
        rpc.up("shop", SHOP);
        assertEquals("no project named 'shp' is registered (did you mean 'shop'?)",
                rpc.message("project.down", "{\"project\":\"shp\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void downWhenNoProjectIsRegisteredSaysHowToRegisterOne() {
        assertEquals("no project named 'shop' is registered (none is registered yet: `tend up` registers one)",
                rpc.message("project.down", "{\"project\":\"shop\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void downWithNeitherProjectNorDirSaysWhatToGive() {
        assertEquals("give a project or a dir", rpc.message("project.down", "{}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void aDirThatCannotBeAPathIsInvalid() {
        assertEquals("dir: 'a\\0b' is not a valid path (Nul character not allowed)",
                rpc.message("project.down", "{\"dir\":\"a\\u0000b\"}", ErrorCode.INVALID_PARAMS));
    }

    @Test
    void forgetUnregistersTheProjectAndSaysWhatItHad() {
        rpc.up("shop", SHOP);
        JsonNode forgotten = rpc.result("project.forget", "{\"project\":\"shop\"}");
        assertEquals("shop", forgotten.get("project").textValue());
        assertEquals(false, forgotten.get("purged").booleanValue());
        assertEquals(0, rpc.result("project.list", "{}").get("projects").size());
    }

    @Test
    void reloadOfTheAdhocProjectIsAConflictItHasNoFile() {
        rpc.result("service.run", "{\"name\":\"once\",\"command\":\"exec sleep 300\",\"cwd\":" + quote(tmp.toString())
                + ",\"restart\":\"no\"}");
        assertEquals("project adhoc has no file to reload",
                rpc.message("project.reload", "{\"project\":\"adhoc\"}", ErrorCode.CONFLICT));
        assertEquals("project adhoc has no project file to export",
                rpc.message("project.export", "{\"project\":\"adhoc\",\"format\":\"compose\"}", ErrorCode.CONFLICT));
    }

    @Test
    void reloadOfAFileThatNowNamesAnotherProjectIsAConflict() throws Exception {
        Path shop = rpc.up("shop", SHOP);
        Files.writeString(shop.resolve("tend.yaml"), "project: store\n" + SHOP);
        assertEquals(shop.resolve("tend.yaml") + " now names project 'store', not 'shop': run `tend up` to register it under its new name",
                rpc.message("project.reload", dir(shop), ErrorCode.CONFLICT));
    }

    @Test
    void reloadOfAFileMadeMalformedKeepsWhatRunsAndNamesTheLine() throws Exception {
        Path shop = rpc.up("shop", SHOP);
        Files.writeString(shop.resolve("tend.yaml"), SHOP + "  db:\n    command:\n");
        JsonNode error = rpc.error("project.reload", dir(shop), ErrorCode.INVALID_CONFIG);
        assertEquals(6, error.get("data").get("line").intValue(), error.toString());
        assertEquals(List.of("web"), names(rpc.result("service.list", "{\"project\":\"shop\"}").get("services")));
    }

    @Test
    void reloadAddsWhatTheFileNowHas() throws Exception {
        Path shop = rpc.up("shop", SHOP);
        Files.writeString(shop.resolve("tend.yaml"), SHOP + "  db:\n    command: \"exec sleep 300\"\n    autostart: false\n");
        rpc.result("project.reload", dir(shop));
        assertEquals(List.of("web", "db"), names(rpc.result("service.list", "{\"project\":\"shop\"}").get("services")));
    }

    @Test
    void exportInAnUnknownFormatNamesTheFormats() {
        Path shop = rpc.up("shop", SHOP);
        assertEquals("unknown format 'helm': use systemd or compose", rpc.message("project.export",
                "{\"format\":\"helm\",\"dir\":" + quote(shop.toString()) + "}", ErrorCode.INVALID_PARAMS));
        assertEquals("no project named 'shp' is registered (did you mean 'shop'?)", rpc.message("project.export",
                "{\"format\":\"compose\",\"project\":\"shp\"}", ErrorCode.NOT_FOUND));
    }

    @Test
    void exportOfARegisteredProjectReadsItsFileAfresh() {
        rpc.up("shop", SHOP);
        JsonNode export = rpc.result("project.export", "{\"format\":\"compose\",\"project\":\"shop\"}");
        assertEquals("shop", export.get("project").textValue());
        assertTrue(export.get("files").get(0).get("content").textValue().contains("web"), export.toString());
    }

    @Test
    void exportOfAProjectWhoseFileIsGoneIsInvalidConfig() throws Exception {
        Path shop = rpc.up("shop", SHOP);
        Files.delete(shop.resolve("tend.yaml"));
        rpc.error("project.export", "{\"format\":\"systemd\",\"project\":\"shop\"}", ErrorCode.INVALID_CONFIG);
    }

    @Test
    void configShowsTheFileAsReadWithoutRegisteringIt() {
        Path shop = rpc.projectDir("shop", SHOP);
        JsonNode config = rpc.result("project.config", dir(shop));
        assertEquals("shop", config.get("project").textValue());
        assertEquals("exec sleep 300", config.get("services").get(0).get("command").textValue());
        assertEquals(0, rpc.result("project.list", "{}").get("projects").size());
        assertEquals("give the project's dir or file", rpc.message("project.config", "{}", ErrorCode.INVALID_PARAMS));
    }


    @Test
    void configHidesWhatAnEnvFileSetUnlessEnvSetsItAgainAndTellsEachDependencysCondition() throws Exception {
        Path shop = rpc.projectDir("shop", """
                services:
                  db:
                    command: "exec sleep 300"
                  web:
                    command: "exec sleep 300"
                    env_file: secrets.env
                    env:
                      TOKEN: "shown"
                      MODE: "dev"
                    depends_on:
                      db: { condition: started }
                """);
        Files.writeString(shop.resolve("secrets.env"), "PASSWORD=hunter2\nTOKEN=from-file\n");

        JsonNode web = rpc.result("project.config", dir(shop)).get("services").get(1);

        assertEquals("web", web.get("name").textValue());
        assertEquals(ConfigMethods.HIDDEN, web.get("env").get("PASSWORD").textValue());
        assertEquals("shown", web.get("env").get("TOKEN").textValue());
        assertEquals("dev", web.get("env").get("MODE").textValue());
        assertEquals("started", web.get("conditions").get("db").textValue());
        assertEquals(List.of("db"), List.of(web.get("dependsOn").get(0).textValue()));
    }

    @Test
    void configReadsTheFileInTheEnvironmentGiven() {
        Path shop = rpc.projectDir("shop", "services:\n  web:\n    command: \"exec sleep ${SECONDS_TO_SLEEP}\"\n");
        JsonNode config = rpc.result("project.config", "{\"dir\":" + quote(shop.toString())
                + ",\"env\":{\"SECONDS_TO_SLEEP\":\"42\"}}");
        assertEquals("exec sleep 42", config.get("services").get(0).get("command").textValue());
    }

    @Test
    void reloadOfOneOfTwoProjectsByNameKeepsItsOwnEnvironmentAndItsFiles() throws Exception {
        Path alpha = rpc.projectDir("alpha", "services:\n  web:\n    command: \"exec sleep 300\"\n    autostart: false\n");
        rpc.result("project.up", "{\"dir\":" + quote(alpha.toString()) + ",\"env\":{\"WHO\":\"alpha\"}}");
        Path beta = rpc.projectDir("beta", "services:\n  web:\n    command: \"echo base > seen; exec sleep 300\"\n"
                + "    autostart: false\n");
        Files.writeString(beta.resolve("local.yaml"), """
                services:
                  web:
                    command: "echo \\"$WHO\\" > seen.tmp; mv seen.tmp seen; exec sleep 300"
                """);
        rpc.result("project.up", "{\"dir\":" + quote(beta.toString()) + ",\"files\":[\"tend.yaml\",\"local.yaml\"],"
                + "\"env\":{\"WHO\":\"beta\"}}");

        JsonNode reloaded = rpc.result("project.reload", "{\"project\":\"beta\"}");
        assertEquals("beta", reloaded.get("project").textValue(), reloaded.toString());

        rpc.result("service.start", "{\"ref\":\"beta/web\"}");
        Path seen = beta.resolve("seen");
        String who = RpcHarness.await("beta/web wrote what it saw", () -> {
            try {
                return Files.exists(seen) ? Files.readString(seen).strip() : null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        assertEquals("beta", who, "the reload kept beta's own environment and its second file");
    }
}
