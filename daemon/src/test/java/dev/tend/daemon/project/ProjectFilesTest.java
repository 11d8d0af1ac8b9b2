package dev.tend.daemon.project;

import dev.tend.daemon.core.Dependency;
import dev.tend.daemon.core.EnvSources;
import dev.tend.daemon.core.JobSpec;
import dev.tend.daemon.core.probe.ProbeSpec;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.process.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void fullFileMapsToExactSpecs() throws Exception {
        Files.createDirectories(dir.resolve("api"));
        write(".env", "SHARED=top\nPORT=1\n");
        write("api/.env", "API_KEY=\"s3cret\"\nSHARED=api\n");
        write("tend.yaml", """
                project: shop
                env_file: .env
                services:
                  db:
                    command: postgres -D ./data
                    ready: { tcp: 5432 }
                  api:
                    command: ./run-api
                    cwd: api
                    env: { PORT: "8080", DEBUG: true, WORKERS: 4 }
                    env_file: api/.env
                    depends_on: [db]
                    restart: always
                    max_restarts: 3
                    stop_signal: SIGINT
                    stop_timeout: 1m30s
                    port: auto
                    ready:
                      http: http://127.0.0.1:8080/health
                      interval: 500ms
                      timeout: 30s
                  worker:
                    command: ./worker --verbose
                    restart: no
                    port: 9000
                    ready: { log: "listening on \\\\d+" }
                jobs:
                  backup:
                    schedule: "0 3 * * *"
                    command: ./scripts/backup.sh
                    cwd: api
                    env: { MODE: full }
                    timezone: Europe/Berlin
                    overlap: queue
                  tick:
                    schedule: "@every 10m"
                    command: date
                """);

        ProjectSpec spec = ProjectFiles.load(dir);

        Path root = dir.toAbsolutePath().normalize();
        assertEquals("shop", spec.name());
        assertEquals(root, spec.dir());
        assertEquals(root.resolve("tend.yaml"), spec.file());
        assertEquals(List.of("db", "api", "worker"), List.copyOf(spec.services().keySet()));
        assertEquals(new ServiceSpec("db", "postgres -D ./data", root, Map.of("SHARED", "top", "PORT", "1"),
                List.of(), new ProbeSpec(ProbeSpec.Kind.TCP, "5432", ProbeSpec.DEFAULT_INTERVAL,
                ProbeSpec.DEFAULT_TIMEOUT), RestartMode.ON_FAILURE, ServiceSpec.DEFAULT_MAX_RESTARTS, Signal.TERM,
                ServiceSpec.DEFAULT_STOP_TIMEOUT, false, 0), spec.services().get("db"));
        assertEquals(new ServiceSpec("api", "./run-api", root.resolve("api"),
                Map.of("SHARED", "api", "PORT", "8080", "API_KEY", "s3cret", "DEBUG", "true", "WORKERS", "4"),
                List.of(Dependency.ready("db")), new ProbeSpec(ProbeSpec.Kind.HTTP, "http://127.0.0.1:8080/health",
                Duration.ofMillis(500), Duration.ofSeconds(30)), RestartMode.ALWAYS, 3, Signal.INT,
                Duration.ofSeconds(90), true, 0), spec.services().get("api"));
        assertEquals(new ServiceSpec("worker", "./worker --verbose", root, Map.of("SHARED", "top", "PORT", "1"),
                List.of(), new ProbeSpec(ProbeSpec.Kind.LOG, "listening on \\d+", ProbeSpec.DEFAULT_INTERVAL,
                ProbeSpec.DEFAULT_TIMEOUT), RestartMode.NO, ServiceSpec.DEFAULT_MAX_RESTARTS, Signal.TERM,
                ServiceSpec.DEFAULT_STOP_TIMEOUT, false, 9000), spec.services().get("worker"));

        assertEquals(List.of("backup", "tick"), List.copyOf(spec.jobs().keySet()));
        assertEquals(new JobSpec("backup", "0 3 * * *", "./scripts/backup.sh", root.resolve("api"),
                Map.of("SHARED", "top", "PORT", "1", "MODE", "full"), ZoneId.of("Europe/Berlin"),
                JobSpec.Overlap.QUEUE), spec.jobs().get("backup"));
        assertEquals(new JobSpec("tick", "@every 10m", "date", root, Map.of("SHARED", "top", "PORT", "1"),
                ZoneId.systemDefault(), JobSpec.Overlap.SKIP), spec.jobs().get("tick"));

        assertEquals(new EnvSources(List.of(root.resolve(".env"), root.resolve("api/.env")),
                Set.of("SHARED", "PORT", "API_KEY"), Map.of("PORT", "8080", "DEBUG", "true", "WORKERS", "4")),
                spec.envSources().get("api"), "exports refer to the env files instead of copying them");
        assertEquals(new EnvSources(List.of(root.resolve(".env")), Set.of("SHARED", "PORT"), Map.of("MODE", "full")),
                spec.envSources().get("backup"));
    }

    @Test
    void dependsOnTakesTheMapFormWithConditionsAndComposesWords() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  migrate: { command: ./migrate, restart: "no" }
                  db: { command: ./db }
                  cache: { command: ./cache }
                  seed: { command: ./seed, restart: "no" }
                  api:
                    command: ./api
                    depends_on:
                      migrate: { condition: completed_successfully }
                      db:
                      cache: { condition: service_started }
                      seed: { condition: completed }
                """);
        assertEquals(List.of(new Dependency("migrate", Dependency.Condition.COMPLETED_SUCCESSFULLY), Dependency.ready("db"),
                        new Dependency("cache", Dependency.Condition.STARTED),
                        new Dependency("seed", Dependency.Condition.COMPLETED)),
                ProjectFiles.load(dir).services().get("api").dependsOn());
    }

    @Test
    void minimalServiceGetsDefaultsAndTheDirectoryNameAsProject() throws Exception {
        Path project = Files.createDirectories(dir.resolve("my shop"));
        Files.writeString(project.resolve("tend.yaml"), "services:\n  web:\n    command: ./serve\n");

        ProjectSpec spec = ProjectFiles.load(project);

        assertEquals("my-shop", spec.name());
        ServiceSpec web = spec.services().get("web");
        assertEquals(RestartMode.ON_FAILURE, web.restart());
        assertEquals(ServiceSpec.DEFAULT_MAX_RESTARTS, web.maxRestarts());
        assertEquals(Signal.TERM, web.stopSignal());
        assertEquals(ServiceSpec.DEFAULT_STOP_TIMEOUT, web.stopTimeout());
        assertNull(web.ready());
        assertEquals(Map.of(), web.env());
        assertEquals(project.toAbsolutePath().normalize(), web.cwd());
        assertTrue(spec.jobs().isEmpty());
    }

    @Test
    void hooksAreReadIntoTheServiceSpecAndAbsentOnesAreNull() throws Exception {
        write("tend.yaml", """
                services:
                  api:
                    command: ./api
                    on_failure: notify-send "$TEND_SERVICE failed"
                    on_ready: ./warm
                  web:
                    command: ./web
                """);
        ProjectSpec spec = ProjectFiles.load(dir);
        assertEquals("notify-send \"$TEND_SERVICE failed\"", spec.services().get("api").onFailure());
        assertEquals("./warm", spec.services().get("api").onReady());
        assertEquals(null, spec.services().get("web").onFailure());
        assertEquals(null, spec.services().get("web").onReady());
    }

    @Test
    void aHookThatIsNotACommandIsRefusedWithItsLine() throws Exception {
        write("tend.yaml", "services:\n  api:\n    command: ./api\n    on_failure: [a, b]\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(e.getMessage().contains(":4"), e.getMessage());
    }

    @Test
    void jobsWithoutServicesAreAProject() throws Exception {
        write("tend.yaml", "jobs:\n  nightly:\n    schedule: \"@daily\"\n    command: ./nightly\n");
        ProjectSpec spec = ProjectFiles.load(dir);
        assertTrue(spec.services().isEmpty());
        assertEquals("@daily", spec.jobs().get("nightly").schedule());
    }

    @Test
    void loadsAFileGivenDirectlyAndResolvesAgainstItsDirectory() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(sub.resolve("work"));
        Path file = Files.writeString(sub.resolve("other.yaml"),
                "services:\n  a:\n    command: x\n    cwd: work\n");

        ProjectSpec spec = ProjectFiles.load(file);

        assertEquals(sub.toAbsolutePath().normalize(), spec.dir());
        assertEquals(sub.toAbsolutePath().normalize().resolve("work"), spec.services().get("a").cwd());
        assertEquals("conf", spec.name());
    }

    @Test
    void tendYmlIsReadWhenThereIsNoTendYaml() throws Exception {
        write("tend.yml", "services:\n  a:\n    command: x\n");
        write("Procfile", "b: y\n");
        assertEquals(List.of("a"), List.copyOf(ProjectFiles.load(dir).services().keySet()));
    }

    @Test
    void tendYamlWinsOverProcfile() throws Exception {
        write("tend.yaml", "services:\n  a:\n    command: x\n");
        write("Procfile", "b: y\n");
        assertEquals(List.of("a"), List.copyOf(ProjectFiles.load(dir).services().keySet()));
    }

    @Test
    void bothTendYamlAndTendYmlIsAmbiguous() throws Exception {
        write("tend.yaml", "services:\n  a:\n    command: x\n");
        write("tend.yml", "services:\n  b:\n    command: y\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(e.reason().contains("both tend.yaml and tend.yml"), e.reason());
    }

    @Test
    void aProjectFileOverTheSizeLimitIsRefusedBeforeItIsParsed() throws Exception {
        // a plain value: parsed in well under a second today, so without the limit this test fails fast
        write("tend.yaml", "services:\n  a:\n    command: " + "x".repeat(2 << 20) + "\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals("2.0 MiB is more than the 256 KiB a project file may hold", e.reason());
    }

    @Test
    void aProcfileOverTheSizeLimitIsRefusedToo() throws Exception {
        write("Procfile", "web: " + "x".repeat(ProjectFiles.MAX_FILE_BYTES) + "\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(e.reason().endsWith("is more than the 256 KiB a project file may hold"), e.reason());
    }

    @Test
    void twoServicesWithOneFixedPortAreAWarning() throws Exception {
        write("tend.yaml", "services:\n  a:\n    command: x\n    port: 18556\n  b:\n    command: y\n    port: 18556\n"
                + "  c:\n    command: z\n    port: 18557\n");
        assertEquals(List.of("services a, b all have port 18556: only one can listen on it at a time (the others fail "
                + "with 'address in use')"), ProjectFiles.read(List.of(dir.resolve("tend.yaml")), Map.of()).warnings());
    }

    @Test
    void aProjectFileOfExactlyTheLimitIsRead() throws Exception {
        String body = "services:\n  a:\n    command: x\n";
        write("tend.yaml", "#" + "x".repeat(ProjectFiles.MAX_FILE_BYTES - body.length() - 2) + "\n" + body);
        assertEquals(1, ProjectFiles.load(dir).services().size());
    }

    @Test
    void directoryWithoutAProjectFileSaysWhatWasLookedFor() {
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals(dir, e.file());
        assertEquals(0, e.line());
        assertTrue(e.reason().contains("no tend.yaml, tend.yml or Procfile in " + dir.toAbsolutePath()), e.reason());
    }

    @Test
    void missingPathIsReported() {
        Path missing = dir.resolve("nope.yaml");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(missing));
        assertEquals(missing, e.file());
        assertEquals("no such file or directory", e.reason());
    }

    @Test
    void errorsNameTheFileTheWayTheCallerNamedIt() throws Exception {
        write("tend.yaml", "services:\n  api:\n    comand: x\n");
        Path relative = Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath());

        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(relative));

        assertEquals(relative.resolve("tend.yaml"), e.file());
        assertEquals(relative.resolve("tend.yaml") + ":3: unknown key 'comand' in service 'api' "
                + "(did you mean 'command'?)", e.getMessage());
        assertEquals(5, e.column());
    }

    @Test
    void messageReadsFileColonLineColonReason() {
        ProjectFileException e = new ProjectFileException(Path.of("tend.yaml"), 12, 5,
                "unknown key 'comand' in service 'api' (did you mean 'command'?)");
        assertEquals("tend.yaml:12: unknown key 'comand' in service 'api' (did you mean 'command'?)", e.getMessage());
        assertEquals("Procfile: no processes", new ProjectFileException(Path.of("Procfile"), 0, 0, "no processes")
                .getMessage());
    }

    @Test
    void numbersAndBooleansInEnvBecomeTheirWrittenText() throws Exception {
        write("tend.yaml", """
                services:
                  a:
                    command: x
                    env:
                      N: 42
                      F: 1.5
                      B: false
                      Y: yes
                      E: ""
                """);
        assertEquals(Map.of("N", "42", "F", "1.5", "B", "false", "Y", "yes", "E", ""),
                ProjectFiles.load(dir).services().get("a").env());
    }

    @Test
    void tcpProbeAcceptsHostAndPort() throws Exception {
        write("tend.yaml", "services:\n  a:\n    command: x\n    ready: { tcp: \"localhost:6379\", interval: 1s }\n");
        ProbeSpec probe = ProjectFiles.load(dir).services().get("a").ready();
        assertEquals(new ProbeSpec(ProbeSpec.Kind.TCP, "localhost:6379", Duration.ofSeconds(1),
                ProbeSpec.DEFAULT_TIMEOUT), probe);
    }

    @Test
    void probeAttemptTimeoutIsReadAndDefaultsToAFewSecondsWhateverTheInterval() throws Exception {
        write("tend.yaml", "services:\n  a:\n    command: x\n    ready: { http: \"http://127.0.0.1:1/\", "
                + "interval: 100ms, attempt_timeout: 30s }\n  b:\n    command: x\n"
                + "    ready: { http: \"http://127.0.0.1:1/\", interval: 100ms }\n");
        ProjectSpec spec = ProjectFiles.load(dir);
        assertEquals(Duration.ofSeconds(30), spec.services().get("a").ready().attemptTimeout());
        assertEquals(ProbeSpec.DEFAULT_ATTEMPT_TIMEOUT, spec.services().get("b").ready().attemptTimeout());
    }

    @Test
    void execProbeKeepsItsCommand() throws Exception {
        write("tend.yaml", "services:\n  a:\n    command: x\n    ready: { exec: \"pg_isready -q\" }\n");
        assertEquals(new ProbeSpec(ProbeSpec.Kind.EXEC, "pg_isready -q", ProbeSpec.DEFAULT_INTERVAL,
                ProbeSpec.DEFAULT_TIMEOUT), ProjectFiles.load(dir).services().get("a").ready());
    }

    @Test
    void autostartFalseIsReadAndAnythingButTrueOrFalseIsRefusedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  web: { command: ./web }
                  seed: { command: ./seed, autostart: false }
                """);
        ProjectSpec spec = ProjectFiles.load(dir);
        assertTrue(spec.services().get("web").autostart());
        assertFalse(spec.services().get("seed").autostart());

        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  seed:
                    command: ./seed
                    autostart: no
                """);
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(e.getMessage().contains("tend.yaml:4:") && e.getMessage().contains("unknown autostart 'no'"),
                e.getMessage());
    }

    @Test
    void successExitCodesAreOneOrAListOf0To255WithZeroAlwaysIn() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  a: { command: ./a, success_exit_codes: [3, 130] }
                  b: { command: ./b, success_exit_codes: 2 }
                  c: { command: ./c }
                """);
        ProjectSpec spec = ProjectFiles.load(dir);
        assertEquals(java.util.Set.of(0, 3, 130), spec.services().get("a").successExitCodes());
        assertEquals(java.util.Set.of(0, 2), spec.services().get("b").successExitCodes());
        assertEquals(java.util.Set.of(0), spec.services().get("c").successExitCodes());

        for (String bad : List.of("[256]", "[-1]", "[\"x\"]", "[]", "{ a: 1 }")) {
            Files.writeString(dir.resolve("tend.yaml"), "services:\n  a:\n    command: ./a\n    success_exit_codes: "
                    + bad + "\n");
            ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir), bad);
            assertTrue(e.getMessage().contains("tend.yaml:4:") && e.getMessage().contains("success_exit_codes"),
                    bad + ": " + e.getMessage());
        }
    }

    @Test
    void restartDelayIsADurationZeroAllowedAndAbsentMeansTheBackoff() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  a: { command: ./a, restart_delay: 2s }
                  b: { command: ./b, restart_delay: 0s }
                  c: { command: ./c }
                """);
        ProjectSpec spec = ProjectFiles.load(dir);
        assertEquals(java.time.Duration.ofSeconds(2), spec.services().get("a").restartDelay());
        assertEquals(java.time.Duration.ZERO, spec.services().get("b").restartDelay());
        assertEquals(null, spec.services().get("c").restartDelay());
        Files.writeString(dir.resolve("tend.yaml"), "services:\n  a:\n    command: ./a\n    restart_delay: 2\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(e.getMessage().contains("tend.yaml:4:"), e.getMessage());
    }

    @Test
    void descriptionIsOneLineAndNamespaceAName() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  api: { command: ./api, description: "The public API", namespace: backend }
                  db: { command: ./db }
                """);
        ProjectSpec spec = ProjectFiles.load(dir);
        assertEquals(new dev.tend.daemon.core.ServiceLabels("The public API", List.of("backend")),
                spec.services().get("api").labels());
        assertEquals(dev.tend.daemon.core.ServiceLabels.NONE, spec.services().get("db").labels());
        for (String bad : List.of("namespace: \"a/b\"", "description: \"one\\ntwo\"")) {
            Files.writeString(dir.resolve("tend.yaml"), "services:\n  a:\n    command: ./a\n    " + bad + "\n");
            ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir), bad);
            assertTrue(e.getMessage().contains("tend.yaml:4:"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void stopCommandIsAShellCommandWithVariablesAndABlankOneIsRefused() throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), """
                services:
                  db: { command: ./db, stop_command: "pg_ctl stop -D ${DATA}" }
                  web: { command: ./web }
                """);
        ProjectSpec spec = ProjectFiles.load(dir, java.util.Map.of("DATA", "/srv/pg"));
        assertEquals("pg_ctl stop -D /srv/pg", spec.services().get("db").stopCommand());
        assertEquals(null, spec.services().get("web").stopCommand());
        Files.writeString(dir.resolve("tend.yaml"), "services:\n  a:\n    command: ./a\n    stop_command: \" \"\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertTrue(e.getMessage().contains("tend.yaml:4:") && e.getMessage().contains("stop_command is empty"),
                e.getMessage());
    }
}
