package dev.tend.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** `tend export systemd|compose` from the built bin/tend, in a project directory. */
class ExportIT {
    private TendHome tend;

    @TempDir
    Path project;

    @BeforeEach
    void setUp() throws Exception {
        tend = new TendHome();
        Files.createDirectories(project.resolve("api"));
        Files.writeString(project.resolve("tend.yaml"), """
                project: shop
                services:
                  db:
                    command: sleep 1000
                    ready: { tcp: 5432 }
                    stop_signal: SIGINT
                  api:
                    command: ./run-api --name "$USER"
                    cwd: api
                    env: { LOG_LEVEL: debug }
                    depends_on: [db]
                    port: auto
                jobs:
                  backup:
                    schedule: "30 3 * * 1-5"
                    command: ./backup.sh
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        tend.close();
    }

    private TendHome.Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TendHome.LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        return TendHome.finish(tend.command(cmd.toArray(String[]::new)).directory(project.toFile()).start());
    }

    @Test
    void systemdUnitsAreWrittenReportedAndAcceptedBySystemd() throws Exception {
        TendHome.Result r = run("export", "systemd", "--user", "--out", "units");
        assertEquals(0, r.exit(), r.toString());
        Path units = project.resolve("units");
        List<String> names;
        try (Stream<Path> files = Files.list(units)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("shop-api.service", "shop-backup.service", "shop-backup.timer", "shop-db.service"), names);
        String api = Files.readString(units.resolve("shop-api.service"));
        assertTrue(api.contains("Requires=shop-db.service\nAfter=shop-db.service\n"), api);
        assertTrue(api.contains("WorkingDirectory=" + project.resolve("api").toRealPath()) || api.contains(
                "WorkingDirectory=" + project.resolve("api")), api);
        assertTrue(api.contains("ExecStart=/bin/sh -c \"./run-api --name \\\"$$USER\\\"\""), api);
        assertTrue(Files.readString(units.resolve("shop-backup.timer")).contains("OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 03:30:00"));
        assertTrue(r.err().contains("tend: warning: service 'api': port: auto has no systemd equivalent"), r.toString());
        assertTrue(r.out().contains("systemctl --user daemon-reload"), r.toString());

        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        List<String> verify = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        names.forEach(n -> verify.add(units.resolve(n).toString()));
        Process p = new ProcessBuilder(verify).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", output.strip(), "systemd-analyze verify complained");
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void anOutThatIsAFileIsSaidSoNotTakenForALostDaemon() throws Exception {
        Files.writeString(project.resolve("taken"), "x");
        TendHome.Result r = run("export", "systemd", "--out", "taken");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("tend: cannot write to " + project.resolve("taken") + ": " + project.resolve("taken")
                + " is in the way, and is not a directory"), r.toString());
    }

    @Test
    void composeFileNamesTheServicesAndTheirHealthchecks() throws Exception {
        TendHome.Result r = run("export", "compose", "--json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("{\"project\":\"shop\",\"format\":\"compose\""), r.toString());
        assertTrue(r.out().contains("job 'backup' not exported"), r.toString());
        String compose = Files.readString(project.resolve("compose.yaml"));
        assertTrue(compose.contains("  api:\n"), compose);
        assertTrue(compose.contains("    depends_on:\n      db:\n        condition: service_healthy\n"), compose);
        assertTrue(compose.contains("bash -c 'exec 3<>/dev/tcp/127.0.0.1/5432'"), compose);
    }

    @Test
    void aFileExportedWithoutUpTakesItsVariablesFromTheEnvironmentOfTheCommand() throws Exception {
        Files.writeString(project.resolve("tend.yaml"), """
                project: shop
                services:
                  api:
                    command: ./run-api
                    env: { DB_URL: "postgres://${DB_HOST:?set DB_HOST}/shop" }
                """);
        ProcessBuilder pb = tend.command(TendHome.LAUNCHER.toString(), "export", "compose").directory(project.toFile());
        pb.environment().put("DB_HOST", "db.internal");
        TendHome.Result r = TendHome.finish(pb.start());
        assertEquals(0, r.exit(), "the daemon read the file in the command's environment, as up would: " + r);
        String compose = Files.readString(project.resolve("compose.yaml"));
        assertTrue(compose.contains("postgres://db.internal/shop"), compose);
    }

    @Test
    void aRegisteredProjectExportsByNameFromAnywhere() throws Exception {
        assertEquals(0, run("up").exit());
        Path elsewhere = Files.createTempDirectory("tend-export-");
        try {
            TendHome.Result r = TendHome.finish(tend.command(TendHome.LAUNCHER.toString(), "export", "systemd",
                    "-p", "shop", "--out", elsewhere.toString()).start());
            assertEquals(0, r.exit(), r.toString());
            assertTrue(Files.readString(elsewhere.resolve("shop-db.service")).contains("KillSignal=SIGINT"));
            TendHome.Result missing = run("export", "systemd", "-p", "nope");
            assertEquals(3, missing.exit(), missing.toString());
        } finally {
            try (Stream<Path> files = Files.list(elsewhere)) {
                files.forEach(f -> f.toFile().delete());
            }
            Files.delete(elsewhere);
        }
    }

    @Test
    void aFileTheExportDidNotWriteIsNotOverwritten() throws Exception {
        Files.writeString(project.resolve("compose.yaml"), "services: {}\n");
        TendHome.Result r = run("export", "compose");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("exists and was not written by tend export"), r.toString());
        assertEquals("services: {}\n", Files.readString(project.resolve("compose.yaml")));
        assertEquals(0, run("export", "compose", "--force").exit());
        assertEquals(0, run("export", "compose").exit(), "its own output may be replaced");
    }

    @Test
    void anExportedFileTheUserEditedIsNotOverwrittenWithoutForce() throws Exception {
        assertEquals(0, run("export", "compose").exit());
        Path compose = project.resolve("compose.yaml");
        String edited = Files.readString(compose).replace("debian:bookworm-slim", "python:3.12");
        assertTrue(edited.contains("python:3.12"), edited);
        Files.writeString(compose, edited);

        TendHome.Result r = run("export", "compose");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("was edited since tend export wrote it"), r.toString());
        assertEquals(edited, Files.readString(compose), "the edit is kept");
        assertEquals(0, run("export", "compose", "--force").exit());
        assertTrue(!Files.readString(compose).contains("python:3.12"));
    }

    @Test
    void aProjectFileWithAMistakeExportsNothing() throws Exception {
        Files.writeString(project.resolve("tend.yaml"), "services:\n  a:\n    comand: x\n");
        TendHome.Result r = run("export", "systemd");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("tend.yaml:3: unknown key 'comand'"), r.toString());
        try (Stream<Path> files = Files.list(project)) {
            assertEquals(List.of("api", "tend.yaml"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }
}
