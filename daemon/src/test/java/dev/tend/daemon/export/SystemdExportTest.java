package dev.tend.daemon.export;

import dev.tend.daemon.core.probe.ProbeSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SystemdExportTest {

    private static final Path SRV = Path.of("/srv/shop");

    @Test
    void unitsMatchTheGoldenFiles() {
        ExportResult result = SystemdExport.export(ExportFixtures.shop(SRV), true, ExportFixtures.MACHINE);
        List<String> names = result.files().stream().map(ExportResult.ExportFile::name).toList();
        assertEquals(List.of("shop-db.service", "shop-api.service", "shop-worker.service", "shop-backup.service",
                "shop-backup.timer", "shop-ping.service", "shop-ping.timer", "shop-report.service",
                "shop-report.timer"), names);
        for (ExportResult.ExportFile f : result.files()) {
            Golden.check("systemd/" + f.name(), f.content());
        }
    }

    @Test
    void envFilesAreReferencedNotCopiedWhileInlineEnvStaysInTheUnit() {
        ExportResult result = SystemdExport.export(ExportFixtures.shop(SRV), true, ExportFixtures.MACHINE);
        for (ExportResult.ExportFile f : result.files()) {
            assertTrue(!f.content().contains(ExportFixtures.SECRET), f.name() + " holds a value of an env file");
        }
        String api = result.files().get(1).content();
        assertTrue(api.contains("EnvironmentFile=/srv/shop/.env\nEnvironmentFile=/srv/shop/api/secrets.env\n"), api);
        assertTrue(api.contains("Environment=\"LOG_LEVEL=debug\""), api);
        String backup = result.files().get(3).content();
        assertTrue(backup.contains("EnvironmentFile=/srv/shop/.env\n") && backup.contains("Environment=\"TARGET=s3\""),
                backup);
    }

    @Test
    void anInlineValueThatAnEnvFileAlsoSetsIsReported() {
        var spec = ExportFixtures.shop(SRV);
        var sources = new java.util.HashMap<>(spec.envSources());
        sources.put("api", new dev.tend.daemon.core.EnvSources(List.of(SRV.resolve(".env")),
                java.util.Set.of("LOG_LEVEL"), java.util.Map.of("LOG_LEVEL", "debug")));
        var project = new dev.tend.daemon.core.ProjectSpec(spec.name(), spec.dir(), spec.file(), spec.services(),
                spec.jobs(), sources);
        List<String> warnings = SystemdExport.export(project, true, ExportFixtures.MACHINE).warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("service 'api': LOG_LEVEL set both in env: and in "
                + "an env_file")), warnings.toString());
    }

    @Test
    void whatSystemdCannotExpressIsReported() {
        ExportResult result = SystemdExport.export(ExportFixtures.shop(SRV), true, ExportFixtures.MACHINE);
        String all = String.join("\n", result.warnings());
        assertTrue(all.contains("service 'worker': port: auto"), all);
        assertTrue(all.contains("service 'worker': the log probe (started)"), all);
        assertTrue(all.contains("job 'ping': overlap: queue"), all);
        assertTrue(all.contains("service 'api': the http probe runs curl"), all);
        assertTrue(all.contains("environment of the shell"), all);
        assertTrue(all.contains("job 'backup': Europe/Berlin has daylight saving, which systemd timers treat differently"),
                all);
        assertTrue(!all.contains("job 'report': UTC has daylight saving") && !all.contains("job 'ping': UTC"), all);
    }

    @Test
    void aScheduleSystemdCannotExpressSkipsTheJobWithAWarning() {
        var spec = ExportFixtures.shop(SRV);
        var jobs = new java.util.LinkedHashMap<>(spec.jobs());
        jobs.put("odd", new dev.tend.daemon.core.JobSpec("odd", "0 0 L * *", "true", SRV, java.util.Map.of(),
                ExportFixtures.MACHINE, dev.tend.daemon.core.JobSpec.Overlap.SKIP));
        var project = new dev.tend.daemon.core.ProjectSpec(spec.name(), spec.dir(), spec.file(), spec.services(), jobs);
        ExportResult result = SystemdExport.export(project, false, ExportFixtures.MACHINE);
        assertTrue(result.files().stream().noneMatch(f -> f.name().startsWith("shop-odd")));
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("job 'odd': schedule '0 0 L * *' not exported")),
                result.warnings().toString());
    }

    @Test
    void aJobZoneIsWrittenAsTheTzDatabaseNamesItAndOneWithoutANameIsAWarning() {
        assertEquals("Europe/Berlin", SystemdExport.calendarZone(java.time.ZoneId.of("Europe/Berlin")));
        assertEquals("Etc/GMT-1", SystemdExport.calendarZone(java.time.ZoneId.of("UTC+01:00")));
        assertEquals("Etc/GMT+5", SystemdExport.calendarZone(java.time.ZoneId.of("GMT-5")));
        assertEquals("UTC", SystemdExport.calendarZone(java.time.ZoneId.of("GMT")));
        assertEquals(null, SystemdExport.calendarZone(java.time.ZoneId.of("UTC+05:30")));
        assertEquals("Etc/GMT+5", SystemdExport.calendarZone(java.time.ZoneId.of("SystemV/EST5")), "fixed: no DST");
        assertEquals(null, SystemdExport.calendarZone(java.time.ZoneId.of("SystemV/EST5EDT")));

        var spec = ExportFixtures.shop(SRV);
        var jobs = new java.util.LinkedHashMap<>(spec.jobs());
        jobs.put("plus1", new dev.tend.daemon.core.JobSpec("plus1", "0 0 * * *", "true", SRV, java.util.Map.of(),
                java.time.ZoneId.of("UTC+01:00"), dev.tend.daemon.core.JobSpec.Overlap.SKIP));
        jobs.put("india", new dev.tend.daemon.core.JobSpec("india", "0 0 * * *", "true", SRV, java.util.Map.of(),
                java.time.ZoneId.of("UTC+05:30"), dev.tend.daemon.core.JobSpec.Overlap.SKIP));
        var project = new dev.tend.daemon.core.ProjectSpec(spec.name(), spec.dir(), spec.file(), spec.services(), jobs);
        ExportResult result = SystemdExport.export(project, false, ExportFixtures.MACHINE);

        String timer = result.files().stream().filter(f -> f.name().equals("shop-plus1.timer")).findFirst().orElseThrow()
                .content();
        assertTrue(timer.contains("OnCalendar=*-*-* 00:00:00 Etc/GMT-1\n"), timer);
        assertTrue(result.files().stream().noneMatch(f -> f.name().startsWith("shop-india")));
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("job 'india': timezone UTC+05:30 has no name "
                + "systemd knows")), result.warnings().toString());
    }

    @Test
    void anHttpProbeOnPortGetsTheFixedPort() {
        var spec = ExportFixtures.shop(SRV);
        var services = new java.util.LinkedHashMap<>(spec.services());
        var api = services.get("api");
        services.put("api", new dev.tend.daemon.core.ServiceSpec("api", api.command(), api.cwd(), api.env(),
                api.dependsOn(), new ProbeSpec(ProbeSpec.Kind.HTTP,
                "http://127.0.0.1:$PORT/health", api.ready().interval(), api.ready().timeout()), api.restart(),
                api.maxRestarts(), api.stopSignal(), api.stopTimeout(), false, 8080));
        var project = new dev.tend.daemon.core.ProjectSpec("shop", SRV, spec.file(), services, java.util.Map.of());
        String unit = SystemdExport.export(project, true, ExportFixtures.MACHINE).files().get(1).content();
        assertTrue(unit.contains("'http://127.0.0.1:8080/health'"), unit);
        String compose = ComposeExport.export(project).files().get(0).content();
        assertTrue(compose.contains("'http://127.0.0.1:8080/health'"), compose);
    }

    @Test
    void systemUnitsAreWantedByMultiUserTarget() {
        ExportResult result = SystemdExport.export(ExportFixtures.shop(SRV), false, ExportFixtures.MACHINE, "alice");
        String db = result.files().get(0).content();
        assertTrue(db.contains("WantedBy=multi-user.target"), db);
        assertTrue(db.contains("\nUser=alice\n"), db);
        String user = SystemdExport.export(ExportFixtures.shop(SRV), true, ExportFixtures.MACHINE, "alice").files()
                .get(0).content();
        assertTrue(!user.contains("User="), user);
    }

    /** The real judge: systemd's own parser, on units whose directories exist. */
    @Test
    void systemdAnalyzeVerifyAcceptsTheUnits(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        Files.createDirectories(dir.resolve("api"));
        Files.writeString(dir.resolve(".env"), "DB_PASSWORD=x\n");
        Files.writeString(dir.resolve("api/secrets.env"), "DB_PASSWORD=y\n");
        Path out = Files.createDirectories(dir.resolve("units"));
        ExportResult result = SystemdExport.export(ExportFixtures.shop(dir), true, ExportFixtures.MACHINE);
        List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        for (ExportResult.ExportFile f : result.files()) {
            Files.writeString(out.resolve(f.name()), f.content());
            cmd.add(out.resolve(f.name()).toString());
        }
        String output = run(cmd);
        // ExecStart is /bin/sh, so the project's own commands need not exist; anything systemd says is a defect
        List<String> complaints = output.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(List.of(), complaints, output);
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not finish");
            return output;
        } finally {
            p.destroyForcibly();
        }
    }
}
