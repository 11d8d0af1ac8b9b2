package dev.tend.daemon.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad tend.yaml is refused with its file, the line of the offending key or value, and why. */
class ProjectFileErrorsTest {

    @TempDir
    Path dir;

    private ProjectFileException rejected(String yaml) throws IOException {
        Files.writeString(dir.resolve("tend.yaml"), yaml);
        return assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
    }

    /** Asserts the error is in tend.yaml at `line` and its reason contains each fragment. */
    private void assertRejected(String yaml, int line, String... fragments) throws IOException {
        ProjectFileException e = rejected(yaml);
        assertEquals(dir.resolve("tend.yaml"), e.file(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.reason().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        }
        String where = line > 0 ? dir.resolve("tend.yaml") + ":" + line : dir.resolve("tend.yaml").toString();
        assertEquals(where + ": " + e.reason(), e.getMessage());
    }

    @Test
    void aLongValueIsQuotedShortenedNotEchoedWhole() throws IOException {
        ProjectFileException e = rejected("services:\n  api:\n    command: x\n    restart: " + "y".repeat(100_000) + "\n");
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().length() < 400, e.getMessage().length() + " characters");
        assertTrue(e.reason().contains("'yyyyyyyyyy"), e.getMessage());
        assertTrue(e.reason().contains("(100000 characters)"), e.getMessage());
    }

    @Test
    void yamlSyntaxErrorCarriesYamlsLine() throws IOException {
        assertRejected("""
                services:
                  api:
                    command: ./run
                    env: { A: 1
                  db:
                    command: x
                """, 5, "YAML syntax error");
    }

    @Test
    void tabIndentationIsASyntaxError() throws IOException {
        assertRejected("services:\n\tapi:\n", 2, "YAML syntax error", "TAB");
    }

    @Test
    void unknownServiceKeySuggestsTheClosestKey() throws IOException {
        assertRejected("""
                services:
                  api:
                    comand: ./run
                """, 3, "unknown key 'comand' in service 'api' (did you mean 'command'?)");
    }

    @Test
    void aLineOfAnotherKindOfFileIsNamedByItsNumberNotQuoted() throws IOException {
        ProjectFileException e = rejected("root:$6$c2VjcmV0:20228:0:99999:7:::\n");
        assertEquals(1, e.line(), e.getMessage());
        assertTrue(e.reason().contains("is this a tend project file?"), e.getMessage());
        assertTrue(!e.getMessage().contains("c2VjcmV0") && !e.getMessage().contains("root"), e.getMessage());
    }

    @Test
    void aRepeatedLineOfAnotherKindOfFileIsNotQuotedEither() throws IOException {
        ProjectFileException e = rejected("bin:*:20228:0:99999:7:::\nbin:*:20228:0:99999:7:::\n");
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.reason().contains("duplicate key (first at line 1)"), e.getMessage());
        assertTrue(!e.getMessage().contains("20228"), e.getMessage());
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosestKey() throws IOException {
        assertRejected("""
                project: shop
                servics:
                  api:
                    command: ./run
                """, 2, "unknown key 'servics' at the top level (did you mean 'services'?)");
    }

    @Test
    void unknownKeyWithoutACloseMatchListsTheKnownKeys() throws IOException {
        assertRejected("""
                services:
                  api:
                    command: ./run
                    image: nginx
                """, 4, "unknown key 'image' in service 'api'", "known keys: command, cwd");
    }

    @Test
    void unknownJobKeyIsRefused() throws IOException {
        assertRejected("""
                jobs:
                  backup:
                    schedule: "@daily"
                    command: ./backup
                    timezon: UTC
                """, 5, "unknown key 'timezon' in job 'backup' (did you mean 'timezone'?)");
    }

    @Test
    void unknownProbeKeyIsRefused() throws IOException {
        assertRejected("""
                services:
                  db:
                    command: x
                    ready:
                      tcp: 5432
                      intervall: 1s
                """, 6, "unknown key 'intervall' in the ready probe of service 'db' (did you mean 'interval'?)");
    }

    @Test
    void servicesAsAStringIsAWrongType() throws IOException {
        assertRejected("services: api\n", 1, "services must be a map of service names to settings, not a string");
    }

    @Test
    void topLevelListIsAWrongType() throws IOException {
        assertRejected("- api\n- db\n", 1, "the top level must be a map", "not a list");
    }

    @Test
    void commandAsAListIsAWrongType() throws IOException {
        assertRejected("""
                services:
                  api:
                    command: [./run, --port, "80"]
                """, 3, "service 'api': command must be a string (it is run by /bin/sh -c), not a list");
    }

    @Test
    void mapWhereAStringBelongsIsAWrongType() throws IOException {
        assertRejected("""
                services:
                  api:
                    command: x
                    cwd: { path: api }
                """, 4, "service 'api': cwd must be a directory path, not a map");
    }

    @Test
    void serviceSettingsAsAStringIsAWrongType() throws IOException {
        assertRejected("services:\n  api: ./run\n", 2, "service 'api' must be a map of settings", "not a string");
    }

    @Test
    void nonIntegerMaxRestartsIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    max_restarts: ten\n", 4,
                "max_restarts must be a whole number, not 'ten'");
        assertRejected("services:\n  api:\n    command: x\n    max_restarts: 1.5\n", 4,
                "max_restarts must be a whole number, not '1.5'");
        assertRejected("services:\n  api:\n    command: x\n    max_restarts: \"3\"\n", 4,
                "max_restarts must be a whole number");
    }

    @Test
    void negativeMaxRestartsIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    max_restarts: -1\n", 4,
                "max_restarts cannot be negative (-1)");
    }

    @Test
    void aCommandTooLongToEverStartIsRefusedWhereItIsWritten() throws IOException {
        String big = "echo " + "x".repeat(140_000);
        String tooLong = "the command is 140,005 bytes, over the 131,066 the kernel passes to a program in one argument";
        assertRejected("services:\n  api:\n    command: " + big + "\n", 3, "service 'api': command: " + tooLong);
        assertRejected("services:\n  api:\n    command: x\n    stop_command: " + big + "\n", 4,
                "service 'api': stop_command: " + tooLong);
        assertRejected("jobs:\n  nightly:\n    schedule: \"@daily\"\n    command: " + big + "\n", 4,
                "job 'nightly': command: " + tooLong);
        assertRejected("services:\n  api:\n    command: x\n    ready:\n      exec: " + big + "\n", 5, tooLong);
    }

    @Test
    void aVariableNoProgramCouldBeGivenIsRefusedWhereItIsWritten() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    env:\n      TOKEN: " + "t".repeat(140_000) + "\n", 5,
                "service 'api': env TOKEN: TOKEN=... is 140,006 bytes, over the 131,071 the kernel passes to a program "
                        + "in one variable");
        assertRejected("services:\n  api:\n    command: x\n    env:\n      TOKEN: \"a\\0b\"\n", 5,
                "service 'api': env TOKEN: the value of TOKEN contains a NUL character");
        assertRejected("services:\n  api:\n    command: \"echo a\\0b\"\n", 3,
                "service 'api': command: the command contains a NUL character");
    }

    @Test
    void missingCommandNamesTheService() throws IOException {
        assertRejected("""
                services:
                  db:
                    command: x
                  api:
                    cwd: .
                """, 4, "service 'api' has no command");
    }

    @Test
    void emptyCommandIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: \"  \"\n", 3, "service 'api': command is empty");
        assertRejected("services:\n  api:\n    command: ~\n", 3, "service 'api': command has no value");
        assertRejected("services:\n  api:\n    command:\n  db:\n    command: x\n", 3,
                "service 'api': command has no value");
    }

    @Test
    void serviceWithoutSettingsIsRefused() throws IOException {
        assertRejected("services:\n  api:\n", 2, "service 'api' has no settings");
    }

    @Test
    void fileWithNeitherServicesNorJobsIsRefused() throws IOException {
        assertRejected("project: shop\n", 0, "no services or jobs");
        assertRejected("services: {}\njobs:\n", 1, "no services or jobs");
        assertRejected("# only a comment\n", 0, "the file is empty");
    }

    @Test
    void invalidServiceNamesAreRefused() throws IOException {
        assertRejected("services:\n  db:\n    command: x\n  -api:\n    command: x\n", 4, "bad service name '-api'");
        assertRejected("services:\n  web/api:\n    command: x\n", 2, "bad service name 'web/api'");
        assertRejected("services:\n  .api:\n    command: x\n", 2, "bad service name '.api'",
                "not starting with '.' or '-'");
    }

    @Test
    void invalidJobNameIsRefused() throws IOException {
        assertRejected("jobs:\n  \"back up\":\n    schedule: \"@daily\"\n    command: x\n", 2,
                "bad job name 'back up'");
    }

    @Test
    void invalidProjectNameIsRefused() throws IOException {
        assertRejected("project: my/shop\nservices:\n  a:\n    command: x\n", 1, "bad project name 'my/shop'");
    }

    @Test
    void jobNamedLikeAServiceIsRefused() throws IOException {
        assertRejected("""
                services:
                  sync:
                    command: x
                jobs:
                  sync:
                    schedule: "@hourly"
                    command: y
                """, 5, "job 'sync' has the same name as a service");
    }

    @Test
    void dependsOnUnknownServiceSuggestsTheClosestName() throws IOException {
        assertRejected("""
                services:
                  db:
                    command: x
                  api:
                    command: y
                    depends_on:
                      - dbb
                """, 7, "service 'api' depends on unknown service 'dbb' (did you mean 'db'?)");
    }

    @Test
    void selfDependencyIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: y\n    depends_on: [api]\n", 4,
                "service 'api' depends on itself");
    }

    @Test
    void dependsOnCycleIsNamed() throws IOException {
        assertRejected("""
                services:
                  web:
                    command: w
                  a:
                    command: x
                    depends_on: [b]
                  b:
                    command: y
                    depends_on: [web, c]
                  c:
                    command: z
                    depends_on: [a]
                """, 12, "depends_on cycle: a -> b -> c -> a");
    }

    @Test
    void twoServiceCycleIsNamed() throws IOException {
        assertRejected("""
                services:
                  a:
                    command: x
                    depends_on: [b]
                  b:
                    command: y
                    depends_on: [a]
                """, 7, "depends_on cycle: a -> b -> a");
    }

    @Test
    void dependsOnAsAStringIsAWrongType() throws IOException {
        assertRejected("services:\n  db:\n    command: x\n  api:\n    command: y\n    depends_on: db\n", 6,
                "depends_on must be a list of service names like [db], or a map like { db: { condition: ready } }, "
                        + "not a string");
    }

    @Test
    void anUnknownConditionIsRefusedWithTheClosestWordAndItsLine() throws IOException {
        assertRejected("""
                services:
                  migrate:
                    command: x
                    restart: "no"
                  api:
                    command: y
                    depends_on:
                      migrate: { condition: completed_sucessfully }
                """, 8, "service 'api': depends_on migrate: unknown condition 'completed_sucessfully' "
                + "(did you mean 'completed_successfully'?)");
    }

    @Test
    void waitingForTheEndOfAServiceThatAlwaysRestartsIsRefusedWithItsLine() throws IOException {
        assertRejected("""
                services:
                  migrate:
                    command: x
                    restart: always
                  api:
                    command: y
                    depends_on:
                      migrate: { condition: completed_successfully }
                """, 8, "service 'api' waits for 'migrate' to be completed_successfully, but 'migrate' has restart: "
                + "always and never ends");
    }

    @Test
    void aMisspeltKeyUnderAConditionIsRefused() throws IOException {
        assertRejected("""
                services:
                  migrate:
                    command: x
                  api:
                    command: y
                    depends_on:
                      migrate: { conditon: completed }
                """, 7, "unknown key 'conditon' in service 'api': depends_on migrate (did you mean 'condition'?)");
    }

    @Test
    void aCycleThroughTheMapFormIsNamed() throws IOException {
        assertRejected("""
                services:
                  a:
                    command: x
                    depends_on:
                      b: { condition: completed_successfully }
                  b:
                    command: y
                    depends_on: [a]
                """, 8, "depends_on cycle: a -> b -> a");
    }

    @Test
    void duplicateServiceIsRefusedWithBothLines() throws IOException {
        assertRejected("""
                services:
                  api:
                    command: x
                  api:
                    command: y
                """, 4, "duplicate key 'api' (first at line 2)");
    }

    @Test
    void duplicateKeyInsideAServiceIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    command: y\n", 4, "duplicate key 'command'");
    }

    @Test
    void unknownRestartWordIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    restart: on-failur\n", 4,
                "unknown restart policy 'on-failur' (did you mean 'on-failure'?)",
                "expected one of no, on-failure, always");
        assertRejected("services:\n  api:\n    command: x\n    restart: sometimes\n", 4,
                "unknown restart policy 'sometimes'");
    }

    @Test
    void unknownSignalIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    stop_signal: SIGFOO\n", 4,
                "service 'api': unknown signal 'SIGFOO'");
    }

    @Test
    void bareNumberDurationSaysItNeedsAUnit() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    stop_timeout: 10\n", 4,
                "stop_timeout", "a bare number has no unit", "10s");
    }

    @Test
    void wordAndNegativeDurationsAreRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    stop_timeout: ten\n", 4,
                "stop_timeout", "'ten' is not a duration");
        assertRejected("services:\n  api:\n    command: x\n    stop_timeout: -1s\n", 4,
                "stop_timeout", "cannot be negative");
    }

    @Test
    void badPortIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    port: 70000\n", 4, "bad port '70000'",
                "1 to 65535, or auto");
        assertRejected("services:\n  api:\n    command: x\n    port: automatic\n", 4, "bad port 'automatic'");
        assertRejected("services:\n  api:\n    command: x\n    port: 0\n", 4, "bad port '0'");
    }

    @Test
    void dollarPortInAProbeNeedsAPort() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    ready: { tcp: \"$PORT\" }\n", 4,
                "service 'api': ready: '$PORT' uses $PORT but service 'api' has no port; add port: auto (or port: N)");
        assertRejected("services:\n  api:\n    command: x\n    port: auto\n    ready: { http: \"http://x:${PORT}x/\" }\n",
                5, "bad url 'http://x:${PORT}x/'");
    }

    @Test
    void dollarPortInTcpHttpAndExecProbesOfAServiceWithAPortIsAccepted() throws Exception {
        for (String target : List.of("tcp: $PORT", "tcp: ${PORT}", "tcp: localhost:$PORT",
                "http: http://127.0.0.1:$PORT/health", "http: http://127.0.0.1:${PORT}/", "exec: curl -f localhost:$PORT")) {
            String kind = target.substring(0, target.indexOf(':'));
            String text = target.substring(kind.length() + 2);
            for (String port : List.of("auto", "8080")) {
                Files.writeString(dir.resolve("tend.yaml"), "services:\n  api:\n    command: x\n    port: " + port
                        + "\n    ready: { " + kind + ": \"" + text + "\" }\n");
                assertEquals(text, ProjectFiles.load(dir).services().get("api").ready().target(), target + ", port " + port);
            }
        }
    }

    @Test
    void minUptimeIsADuration() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    min_uptime: 5\n", 4, "min_uptime");
    }

    @Test
    void probeWithoutAKindIsRefused() throws IOException {
        assertRejected("services:\n  db:\n    command: x\n    ready: { interval: 1s }\n", 4,
                "service 'db': ready needs one of tcp, http, exec or log");
    }

    @Test
    void probeWithTwoKindsIsRefused() throws IOException {
        assertRejected("""
                services:
                  db:
                    command: x
                    ready:
                      tcp: 5432
                      exec: pg_isready
                """, 6, "ready has both tcp and exec; give exactly one");
    }

    @Test
    void probeAsAStringIsRefused() throws IOException {
        assertRejected("services:\n  db:\n    command: x\n    ready: tcp\n", 4,
                "ready must be a map like { tcp: 5432 }, not a string");
    }

    @Test
    void badProbeUrlIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    ready: { http: \"ftp://host/x\" }\n", 4,
                "bad url 'ftp://host/x'", "http:// or https://");
        assertRejected("services:\n  api:\n    command: x\n    ready: { http: \"http://bad host/\" }\n", 4,
                "bad url 'http://bad host/'");
        assertRejected("services:\n  api:\n    command: x\n    ready: { http: \"localhost:8080\" }\n", 4,
                "bad url 'localhost:8080'");
    }

    @Test
    void aProjectFileThatIsNoRegularFileIsNamedAsSuchNotAsMissing() throws IOException {
        Files.createDirectories(dir.resolve("tend.yaml"));
        ProjectFileException d = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals("tend.yaml is a directory, not a file", d.reason(), d.getMessage());
        Files.delete(dir.resolve("tend.yaml"));
        Files.createSymbolicLink(dir.resolve("tend.yaml"), dir.resolve("tend.yaml")); // a loop
        ProjectFileException loop = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals("tend.yaml is a link to nothing (or a loop of links)", loop.reason(), loop.getMessage());
        Files.delete(dir.resolve("tend.yaml"));
        Files.createSymbolicLink(dir.resolve("tend.yaml"), Path.of("/dev/zero"));
        ProjectFileException device = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals("tend.yaml is not a regular file (a pipe, a socket or a device)", device.reason(),
                device.getMessage());
    }

    @Test
    void aProbeUrlWithABadPortSaysItIsThePortNotTheHost() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    ready: { http: \"http://localhost:abc/\" }\n", 4,
                "bad url 'http://localhost:abc/': its port is not a number from 1 to 65535");
        assertRejected("services:\n  api:\n    command: x\n    ready: { http: \"http://localhost:70000/\" }\n", 4,
                "bad url 'http://localhost:70000/': its port is not a number from 1 to 65535");
    }

    @Test
    void badProbeRegexIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    ready: { log: \"ready (\" }\n", 4,
                "bad log pattern 'ready ('", "Unclosed group");
    }

    @Test
    void badProbePortIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    ready: { tcp: 99999 }\n", 4, "bad tcp target '99999'");
        assertRejected("services:\n  api:\n    command: x\n    ready: { tcp: \"db:\" }\n", 4, "bad tcp target 'db:'");
        assertRejected("services:\n  api:\n    command: x\n    ready: { tcp: \":80\" }\n", 4, "bad tcp target ':80'");
    }

    @Test
    void badProbeIntervalIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    ready: { tcp: 80, interval: 0s }\n", 4,
                "interval must be more than zero");
    }

    @Test
    void badProbeAttemptTimeoutIsRefusedWithItsLine() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    ready:\n      tcp: 80\n      attempt_timeout: 0s\n", 6,
                "attempt_timeout must be more than zero");
        assertRejected("services:\n  api:\n    command: x\n    ready:\n      tcp: 80\n      attempt_timeout: 3\n", 6,
                "attempt_timeout");
    }

    @Test
    void badCronIsRefusedAtTheScheduleLine() throws IOException {
        assertRejected("""
                jobs:
                  backup:
                    command: ./backup
                    schedule: "61 3 * * *"
                """, 4, "job 'backup': bad cron schedule '61 3 * * *'");
    }

    @Test
    void badEveryIsRefused() throws IOException {
        assertRejected("jobs:\n  tick:\n    command: x\n    schedule: \"@every 10\"\n", 4,
                "job 'tick': bad schedule '@every 10'", "bare number");
    }

    @Test
    void jobWithoutScheduleIsRefused() throws IOException {
        assertRejected("jobs:\n  tick:\n    command: x\n", 2, "job 'tick' has no schedule");
    }

    @Test
    void unknownTimezoneSuggestsTheClosestZone() throws IOException {
        assertRejected("jobs:\n  b:\n    command: x\n    schedule: \"@daily\"\n    timezone: Europe/Berln\n", 5,
                "job 'b': unknown timezone 'Europe/Berln' (did you mean 'Europe/Berlin'?)");
    }

    @Test
    void unknownOverlapIsRefused() throws IOException {
        assertRejected("jobs:\n  b:\n    command: x\n    schedule: \"@daily\"\n    overlap: skipp\n", 5,
                "job 'b': unknown overlap 'skipp' (did you mean 'skip'?)");
    }

    @Test
    void missingEnvFileIsNamed() throws IOException {
        assertRejected("""
                services:
                  api:
                    command: x
                    env_file: api/.env
                """, 4, "service 'api': env_file 'api/.env' does not exist",
                dir.toAbsolutePath().normalize().resolve("api/.env").toString());
    }

    @Test
    void missingTopLevelEnvFileIsNamed() throws IOException {
        assertRejected("env_file: .env.local\nservices:\n  api:\n    command: x\n", 1,
                "env_file '.env.local' does not exist");
    }

    @Test
    void malformedEnvFileLineIsReportedInTheEnvFile() throws IOException {
        Files.writeString(dir.resolve(".env"), "# settings\nA=1\n\nthis is not an assignment\n");
        ProjectFileException e = rejected("env_file: .env\nservices:\n  api:\n    command: x\n");
        assertEquals(dir.resolve(".env"), e.file());
        assertEquals(4, e.line());
        assertTrue(e.reason().contains("expected KEY=VALUE"), e.reason());
    }

    @Test
    void envValueThatIsAMapOrListIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    env:\n      A: { b: 1 }\n", 5,
                "env A must be a string, number or boolean, not a map");
        assertRejected("services:\n  api:\n    command: x\n    env:\n      A: [1, 2]\n", 5,
                "env A must be a string, number or boolean, not a list");
        assertRejected("services:\n  api:\n    command: x\n    env:\n      A: ''\n      B: ~\n", 6,
                "env B has no value");
        assertRejected("services:\n  api:\n    command: x\n    env:\n      A:\n      B: 1\n", 5,
                "env A has no value");
    }

    @Test
    void envAsAListIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    env: [A=1]\n", 4, "env must be a map of NAME: value");
    }

    @Test
    void badEnvNameIsRefused() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    env:\n      1A: x\n", 5, "bad variable name '1A'");
    }

    @Test
    void missingCwdIsRefusedAtLoadTime() throws IOException {
        assertRejected("services:\n  api:\n    command: x\n    cwd: nowhere\n", 4,
                "service 'api': cwd 'nowhere' does not exist");
    }

    @Test
    void cwdThatIsAFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertRejected("services:\n  api:\n    command: x\n    cwd: notes.txt\n", 4, "is not a directory");
    }

    @Test
    void yamlAliasesAreRefusedRatherThanMisread() throws IOException {
        assertRejected("""
                services:
                  a:
                    command: &cmd ./run
                  b:
                    command: *cmd
                """, 5, "YAML aliases (*cmd) are not supported");
    }

    @Test
    void secondYamlDocumentIsRefused() throws IOException {
        assertRejected("services:\n  a:\n    command: x\n---\nservices:\n  b:\n    command: y\n", 5,
                "a second YAML document");
    }
}
