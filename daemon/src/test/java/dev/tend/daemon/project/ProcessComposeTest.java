package dev.tend.daemon.project;

import dev.tend.daemon.core.Dependency;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.process.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessComposeTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static final String FULL = """
            version: "0.5"
            log_location: /tmp/pc.log
            environment:
              - "GLOBAL=1"
            processes:
              db:
                command: "postgres -D ./data"
                readiness_probe:
                  exec:
                    command: "pg_isready"
                  initial_delay_seconds: 2
                  period_seconds: 1
                  timeout_seconds: 1
                  failure_threshold: 5
                availability:
                  restart: always
                  max_restarts: 3
                  backoff_seconds: 2
                shutdown:
                  signal: 2
                  timeout_seconds: 20
              api:
                command: "./api"
                working_dir: sub
                environment:
                  - "PORT=8080"
                  - "EQ=a=b"
                depends_on:
                  db:
                    condition: process_healthy
                readiness_probe:
                  http_get:
                    host: 127.0.0.1
                    port: 8080
                    path: "/health"
                availability:
                  restart: on_failure
                namespace: backend
              old:
                command: "./old"
                disabled: true
            """;

    @Test
    void processesBecomeServices() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        write("process-compose.yaml", FULL);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        Map<String, ServiceSpec> services = loaded.spec().services();
        assertEquals(List.of("db", "api", "old"), List.copyOf(services.keySet()));
        assertTrue(services.get("db").autostart());
        assertEquals(false, services.get("old").autostart(), "disabled: registered, started only by name");
        ServiceSpec db = services.get("db");
        assertEquals("postgres -D ./data", db.command());
        assertEquals(new ProbeSpec(ProbeSpec.Kind.EXEC, "pg_isready", Duration.ofSeconds(1), Duration.ofSeconds(12),
                Duration.ofSeconds(1)), db.ready(), "timeout_seconds is the attempt timeout");
        assertEquals(RestartMode.ALWAYS, db.restart());
        assertEquals(3, db.maxRestarts());
        assertEquals(Duration.ofSeconds(2), db.restartDelay(), "backoff_seconds is restart_delay");
        assertEquals(Signal.INT, db.stopSignal());
        assertEquals(Duration.ofSeconds(20), db.stopTimeout());
        assertEquals(Map.of("PC_PROC_NAME", "db", "PC_REPLICA_NUM", "0", "GLOBAL", "1"), db.env());

        ServiceSpec api = services.get("api");
        assertEquals(dir.resolve("sub").toAbsolutePath().normalize(), api.cwd());
        assertEquals(Map.of("PC_PROC_NAME", "api", "PC_REPLICA_NUM", "0", "GLOBAL", "1", "PORT", "8080", "EQ", "a=b"),
                api.env());
        assertEquals(List.of(Dependency.ready("db")), api.dependsOn(), "process_healthy is ready");
        assertEquals(ProbeSpec.Kind.HTTP, api.ready().kind());
        assertEquals("http://127.0.0.1:8080/health", api.ready().target());
        assertEquals(RestartMode.ON_FAILURE, api.restart());
    }

    @Test
    void aLivenessProbeBecomesAliveWithItsPeriodTimeoutAndThreshold() throws Exception {
        write("process-compose.yaml", """
                processes:
                  api:
                    command: ./api
                    liveness_probe:
                      http_get:
                        host: 127.0.0.1
                        port: 8080
                        path: /live
                      initial_delay_seconds: 5
                      period_seconds: 4
                      timeout_seconds: 2
                      failure_threshold: 6
                    availability:
                      restart: always
                  db:
                    command: ./db
                    depends_on:
                      api:
                        condition: process_healthy
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        ServiceSpec api = loaded.spec().services().get("api");
        assertEquals(new Health.Alive(new ProbeSpec(ProbeSpec.Kind.HTTP, "http://127.0.0.1:8080/live",
                Duration.ofSeconds(4), null, Duration.ofSeconds(2)), 6), api.health().alive());
        assertEquals(null, api.ready(), "liveness is not readiness");
        assertEquals(List.of(new Dependency("api", Dependency.Condition.READY)), loaded.spec().services().get("db").dependsOn(),
                "health survives the dependency pass");
        assertEquals(Health.NONE, loaded.spec().services().get("db").health());
    }

    @Test
    void everythingIgnoredIsListedWithItsLine() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        write("process-compose.yaml", FULL);
        List<String> warnings = ProjectFiles.read(dir).warnings();
        String all = String.join("\n", warnings);
        assertTrue(all.contains("process-compose.yaml:2: ignored top-level key 'log_location'"), all);

        assertTrue(all.contains("process-compose.yaml: 1 key ignored (1 place)"), all);
        assertEquals(2, warnings.size(), all);
    }

    @Test
    void processComposeIsReadOnlyWhenItIsTheOnlyProjectFile() throws Exception {
        write("process-compose.yml", "processes:\n  a:\n    command: ./a\n");
        assertEquals(List.of("a"), List.copyOf(ProjectFiles.load(dir).services().keySet()));
        write("Procfile", "b: ./b\n");
        assertEquals(List.of("b"), List.copyOf(ProjectFiles.load(dir).services().keySet()));
    }

    @Test
    void aFileWithTopLevelProcessesIsProcessComposeWhateverItsName() throws Exception {
        write("dev.yaml", "version: \"0.5\"\nprocesses:\n  a:\n    command: ./a\n");
        assertEquals(RestartMode.NO, ProjectFiles.load(dir.resolve("dev.yaml")).services().get("a").restart(),
                "read as process-compose (its default restart), not refused for 'unknown key version'");
        write("over.yaml", "services: {}\n");
        ProjectFileException e = assertThrows(ProjectFileException.class,
                () -> ProjectFiles.read(List.of(dir.resolve("dev.yaml"), dir.resolve("over.yaml")), Map.of()));
        assertTrue(e.getMessage().contains("only tend.yaml files merge"), e.getMessage());
    }

    @Test
    void restartDefaultsToNoAsInProcessCompose() throws Exception {
        write("process-compose.yaml", "processes:\n  a:\n    command: ./a\n");
        assertEquals(RestartMode.NO, ProjectFiles.load(dir).services().get("a").restart());
    }

    @Test
    void aProcessWithoutCommandIsRefusedWithItsLine() throws Exception {
        write("process-compose.yaml", "processes:\n  a:\n    working_dir: .\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("process 'a' has no command"), e.getMessage());
    }

    @Test
    void anUnknownDependencyIsRefused() throws Exception {
        write("process-compose.yaml", """
                processes:
                  a:
                    command: ./a
                    depends_on:
                      nope:
                        condition: process_started
                """);
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void eachConditionKeepsItsMeaningWithoutAWarning() throws Exception {
        write("process-compose.yaml", """
                processes:
                  migrate:
                    command: ./migrate
                  check:
                    command: ./check
                  db:
                    command: ./db
                    ready_log_line: listening
                  cache:
                    command: ./cache
                  a:
                    command: ./a
                    depends_on:
                      migrate:
                        condition: process_completed_successfully
                      check:
                        condition: process_completed
                      db:
                        condition: process_log_ready
                      cache:
                        condition: process_started
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        assertEquals(List.of(new Dependency("migrate", Dependency.Condition.COMPLETED_SUCCESSFULLY),
                new Dependency("check", Dependency.Condition.COMPLETED), Dependency.ready("db"),
                new Dependency("cache", Dependency.Condition.STARTED)), loaded.spec().services().get("a").dependsOn());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void aProcessThatExtendsAnotherTakesItsSettingsUnderItsOwnAndJoinsTheEnvironments() throws Exception {
        write("process-compose.yaml", """
                processes:
                  base:
                    command: "echo base"
                    environment:
                      - "FOO=bar"
                      - "SHARED=base"
                    availability:
                      restart: always
                  derived:
                    extends: base
                    environment:
                      - "FOO=override"
                  top:
                    extends: derived
                    command: "echo top"
                """);
        Map<String, ServiceSpec> s = ProjectFiles.load(dir).services();
        assertEquals("echo base", s.get("derived").command());
        assertEquals("override", s.get("derived").env().get("FOO"));
        assertEquals("base", s.get("derived").env().get("SHARED"));
        assertEquals(RestartMode.ALWAYS, s.get("derived").restart());
        assertEquals("echo top", s.get("top").command());
        assertEquals("override", s.get("top").env().get("FOO"));
        assertEquals("top", s.get("top").env().get("PC_PROC_NAME"));
    }

    @Test
    void extendingAMissingProcessOrACycleIsRefusedWithItsLine() throws Exception {
        write("process-compose.yaml", "processes:\n  a:\n    command: ./a\n    extends: nope\n");
        ProjectFileException missing = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals(4, missing.line());
        assertTrue(missing.getMessage().contains("process 'a': extends 'nope', which is not a process of this file"),
                missing.getMessage());
        write("process-compose.yaml", "processes:\n  a:\n    extends: b\n  b:\n    extends: a\n");
        ProjectFileException cycle = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(cycle.getMessage().contains("extends cycle"), cycle.getMessage());
    }

    @Test
    void aMissingWorkingDirIsAWarningAsProcessComposeChecksItOnlyAtStart() throws Exception {
        write("process-compose.yaml", "processes:\n  a:\n    command: ./a\n    working_dir: ../nowhere\n");
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.startsWith("process-compose.yaml:4: process 'a': working_dir "
                + "'../nowhere' does not exist")), loaded.warnings().toString());
    }

    @Test
    void envFileIsReadFromTheWorkingDirUnderTheEnvironmentAndAMissingOneWarns() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        write("sub/.env.test", "NAME=file\nONLY_FILE=1\n");
        write("process-compose.yaml", """
                environment:
                  - "NAME=global"
                processes:
                  a:
                    command: ./a
                    working_dir: sub
                    env_file: .env.test
                    environment:
                      - "ONLY_FILE=own"
                  b:
                    command: ./b
                    env_file: .env.missing
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        Map<String, String> a = loaded.spec().services().get("a").env();
        assertEquals("file", a.get("NAME"));
        assertEquals("own", a.get("ONLY_FILE"));
        assertEquals("global", loaded.spec().services().get("b").env().get("NAME"));
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.startsWith("process-compose.yaml:12: process 'b': env_file "
                + "'.env.missing' does not exist")), loaded.warnings().toString());
    }

    @Test
    void aKeyIgnoredOnManyProcessesIsOneWarningWithItsLinesAndTheSummaryCountsThem() throws Exception {
        write("process-compose.yaml", """
                log_level: debug
                processes:
                  a:
                    command: ./a
                    is_foreground: true
                  b:
                    command: ./b
                    is_foreground: true
                  c:
                    command: ./c
                    is_foreground: true
                """);
        List<String> w = ProjectFiles.read(dir).warnings();
        assertEquals(List.of(
                "process-compose.yaml:1: ignored top-level key 'log_level': this is process-compose's own log level; "
                        + "tend's is log_level in config.yaml",
                "process-compose.yaml:5: ignored key 'is_foreground' of process 'a' (and 2 more, lines 8, 11): "
                        + "tend runs services without a terminal (tend logs -f shows them)",
                "process-compose.yaml: 2 keys ignored (4 places); everything else is read with its process-compose "
                        + "meaning"), w);
    }

    @Test
    void varsFillTheTemplatesOfCommandEnvironmentAndProbesTheProcessesOwnWinning() throws Exception {
        write("process-compose.yaml", """
                vars:
                  PORT: 8080
                  WHO: world
                processes:
                  a:
                    vars:
                      WHO: a
                    command: "echo hello {{.WHO}} on {{ .PORT }}"
                    environment:
                      - "LISTEN={{.PORT}}"
                    readiness_probe:
                      http_get:
                        port: "{{.PORT}}"
                        path: /health
                """);
        ServiceSpec a = ProjectFiles.load(dir).services().get("a");
        assertEquals("echo hello a on 8080", a.command());
        assertEquals("8080", a.env().get("LISTEN"));
        assertEquals("http://127.0.0.1:8080/health", a.ready().target());
    }

    @Test
    void anEnvironmentValueTooLongToStartAProcessWithIsRefusedWithItsLine() throws Exception {
        write("process-compose.yaml", "processes:\n  web:\n    command: ./web\n    environment:\n      - \"A=1\"\n"
                + "      - \"BIG=" + "x".repeat(200_000) + "\"\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("process 'web': environment: BIG=... is 200,004 bytes"), e.getMessage());
    }

    @Test
    void aReadinessUrlWithABadPortIsRefusedAtLoadWithItsLine() throws Exception {
        write("process-compose.yaml", """
                processes:
                  web:
                    command: ./web
                    readiness_probe:
                      http_get:
                        host: 127.0.0.1
                        port: abc
                """);
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("process 'web': readiness_probe: bad url 'http://127.0.0.1:abc/': its port is not "
                + "a number from 1 to 65535"), e.getMessage());
    }

    @Test
    void aTemplateNamingNoVarOrBeyondNamesIsRefusedWithItsLine() throws Exception {
        write("process-compose.yaml", "vars:\n  A: 1\nprocesses:\n  a:\n    command: \"echo {{.B}}\"\n");
        ProjectFileException missing = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals(5, missing.line());
        assertTrue(missing.getMessage().contains("process 'a': '{{.B}}' names no var (vars: A, PC_REPLICA_NUM)"),
                missing.getMessage());
        write("process-compose.yaml", "processes:\n  a:\n    command: \"echo {{if .A}}x{{end}}\"\n");
        ProjectFileException beyond = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(beyond.getMessage().contains("'{{if .A}}' is a template tend does not understand"),
                beyond.getMessage());
        write("process-compose.yaml", "processes:\n  a:\n    is_template_disabled: true\n"
                + "    command: \"docker ps --format '{{.Names}}'\"\n");
        assertEquals("docker ps --format '{{.Names}}'", ProjectFiles.load(dir).services().get("a").command());
    }

    @Test
    void replicasBecomeCopiesWhosePcReplicaNumCountsFromZero() throws Exception {
        write("process-compose.yaml", """
                processes:
                  web:
                    command: ./web
                    replicas: 3
                """);
        ProjectSpec spec = ProjectFiles.load(dir);
        assertEquals(Map.of("web", 3), spec.replicas());
        ServiceSpec second = spec.services().get("web").asCopy("web#2", 2);
        assertEquals("1", second.env().get("PC_REPLICA_NUM"), "process-compose numbers its replicas from 0");
        assertEquals("2", second.env().get("TEND_REPLICA"));
    }

    @Test
    void replicasZeroIsRefusedWithItsLine() throws Exception {
        write("process-compose.yaml", "processes:\n  web:\n    command: ./web\n    replicas: 0\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.reason().contains("from 1 to 64, not 0"), e.getMessage());
    }

    @Test
    void substitutionHasProcessComposesMeaningDollarDollarIsOneDollarAndUnsetIsEmptyWithAWarning() throws Exception {
        write("process-compose.yaml", """
                processes:
                  a:
                    command: "echo My name is $$MY_NAME ${WHO} [${NOT_SET}] $$$${X} $i"
                    environment:
                      - "GREETING=${NOT_SET_EITHER:-hi} ${WHO}"
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(List.of(dir), Map.of("WHO", "ann"));
        ServiceSpec a = loaded.spec().services().get("a");
        assertEquals("echo My name is $MY_NAME ann [] $${X} $i", a.command());
        assertEquals("hi ann", a.env().get("GREETING"));
        assertTrue(loaded.warnings().contains("process-compose.yaml:3: variable NOT_SET is not set: substituted "
                + "empty, as process-compose does (set it, or write $${NOT_SET} to leave it to the shell)"),
                loaded.warnings().toString());
    }

    @Test
    void disableEnvExpansionLeavesEveryDollarAsWritten() throws Exception {
        write("process-compose.yaml", """
                disable_env_expansion: true
                processes:
                  a:
                    command: "echo ${NOT_SET} $$ $${X}"
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        assertEquals("echo ${NOT_SET} $$ $${X}", loaded.spec().services().get("a").command());
        assertTrue(loaded.warnings().stream().noneMatch(w -> w.contains("disable_env_expansion")),
                loaded.warnings().toString());
    }

    @Test
    void aFileThatExtendsAnotherRunsBothItsProcessesInTheirOwnDirectories() throws Exception {
        Files.createDirectories(dir.resolve("db"));
        Files.createDirectories(dir.resolve("server"));
        write("db/process-compose.yaml", """
                environment:
                  - "LEVEL=base"
                  - "ONLY_BASE=1"
                processes:
                  db:
                    command: ./db.sh
                  shared:
                    command: ./base-shared
                    environment:
                      - "A=base"
                      - "B=base"
                """);
        write("server/process-compose.yaml", """
                extends: ../db/process-compose.yaml
                environment:
                  - "LEVEL=server"
                processes:
                  server:
                    command: ./server.sh
                    depends_on:
                      db:
                        condition: process_completed_successfully
                  shared:
                    environment:
                      - "B=server"
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir.resolve("server/process-compose.yaml"));
        Map<String, ServiceSpec> s = loaded.spec().services();
        assertEquals(List.of("db", "shared", "server"), List.copyOf(s.keySet()));
        assertEquals(dir.resolve("db").toAbsolutePath().normalize(), s.get("db").cwd());
        assertEquals(dir.resolve("server").toAbsolutePath().normalize(), s.get("server").cwd());
        assertEquals("./base-shared", s.get("shared").command());
        assertEquals("base", s.get("shared").env().get("A"));
        assertEquals("server", s.get("shared").env().get("B"));
        assertEquals("server", s.get("db").env().get("LEVEL"));
        assertEquals("1", s.get("server").env().get("ONLY_BASE"));
        assertEquals(List.of(new Dependency("db", Dependency.Condition.COMPLETED_SUCCESSFULLY)),
                s.get("server").dependsOn());
        assertTrue(loaded.warnings().stream().noneMatch(w -> w.contains("extends")), loaded.warnings().toString());
    }

    @Test
    void extendingAMissingFileOrAFileThatExtendsItBackIsRefusedWithTheLine() throws Exception {
        write("process-compose.yaml", """
                version: "0.5"
                extends: nowhere.yaml
                processes:
                  a:
                    command: ./a
                """);
        ProjectFileException missing = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir));
        assertTrue(missing.getMessage().contains("process-compose.yaml:2:"), missing.getMessage());
        assertTrue(missing.getMessage().contains("nowhere.yaml"), missing.getMessage());

        write("process-compose.yaml", """
                extends: other.yaml
                processes:
                  a:
                    command: ./a
                """);
        write("other.yaml", """
                extends: process-compose.yaml
                processes:
                  b:
                    command: ./b
                """);
        ProjectFileException cycle = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir));
        assertTrue(cycle.getMessage().contains("other.yaml:1:"), cycle.getMessage());
        assertTrue(cycle.getMessage().contains("extends cycle"), cycle.getMessage());
    }

    @Test
    void aMistakeInTheExtendedFileIsReportedAtItsOwnFileAndLine() throws Exception {
        write("base.yaml", """
                processes:
                  b:
                    working_dir: .
                """);
        write("process-compose.yaml", """
                extends: base.yaml
                processes:
                  a:
                    command: ./a
                """);
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir));
        assertTrue(e.getMessage().contains("base.yaml:2:"), e.getMessage());
        assertTrue(e.getMessage().contains("has no command"), e.getMessage());
    }

    @Test
    void aFileWhoseProcessesAreAllDisabledIsAcceptedAndAnEnabledOneDoesNotWaitForADisabledOne() throws Exception {
        write("process-compose.yaml", """
                processes:
                  tool:
                    command: ./tool
                    disabled: true
                    depends_on:
                      helper:
                        condition: process_started
                  helper:
                    command: ./helper
                    disabled: true
                """);
        Map<String, ServiceSpec> all = ProjectFiles.read(dir).spec().services();
        assertEquals(List.of(false, false), all.values().stream().map(ServiceSpec::autostart).toList());
        assertEquals(List.of(new Dependency("helper", Dependency.Condition.STARTED)), all.get("tool").dependsOn(),
                "a disabled process started by name brings up what it depends on");

        write("process-compose.yaml", """
                processes:
                  app:
                    command: ./app
                    depends_on:
                      tool:
                        condition: process_started
                  tool:
                    command: ./tool
                    disabled: yes
                """);
        ProjectFileException bad = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir));
        assertTrue(bad.getMessage().contains(":9:") && bad.getMessage().contains("unknown disabled 'yes'"),
                bad.getMessage());
        write("process-compose.yaml", """
                processes:
                  app:
                    command: ./app
                    depends_on:
                      tool:
                        condition: process_started
                  tool:
                    command: ./tool
                    disabled: true
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        assertEquals(List.of(), loaded.spec().services().get("app").dependsOn());
        assertTrue(loaded.warnings().contains("process-compose.yaml:5: process 'app': depends_on 'tool' ignored: "
                + "that process is disabled"), loaded.warnings().toString());
    }

    @Test
    void successExitCodesKeepTheirMeaningWithZeroIn() throws Exception {
        write("process-compose.yaml", """
                processes:
                  allowed:
                    command: "exit 130"
                    success_exit_codes: [130]
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        assertEquals(java.util.Set.of(0, 130), loaded.spec().services().get("allowed").successExitCodes());
        assertTrue(loaded.warnings().stream().noneMatch(w -> w.contains("success_exit_codes")), loaded.warnings().toString());
    }

    @Test
    void descriptionAndNamespaceAreTheServicesLabels() throws Exception {
        write("process-compose.yaml", """
                processes:
                  api:
                    command: ./api
                    description: "The public API"
                    namespace: backend
                  worker:
                    command: ./worker
                    namespace: ["backend", "jobs"]
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        assertEquals(List.of("backend", "jobs"), loaded.spec().services().get("worker").labels().namespaces());
        assertEquals(new dev.tend.daemon.core.ServiceLabels("The public API", List.of("backend")),
                loaded.spec().services().get("api").labels());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void shutdownCommandIsTheStopCommand() throws Exception {
        write("process-compose.yaml", """
                processes:
                  db:
                    command: ./db
                    shutdown:
                      command: "pg_ctl stop"
                      timeout_seconds: 5
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir);
        assertEquals("pg_ctl stop", loaded.spec().services().get("db").stopCommand());
        assertEquals(Duration.ofSeconds(5), loaded.spec().services().get("db").stopTimeout());
        assertEquals(List.of(), loaded.warnings());
    }
}
