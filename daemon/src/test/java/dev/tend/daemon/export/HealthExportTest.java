package dev.tend.daemon.export;

import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.health.Health;
import dev.tend.daemon.core.probe.ProbeSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** alive and max_memory where the targets can say them, and an honest warning where they cannot say it the same. */
class HealthExportTest {
    private static final Path SRV = Path.of("/srv/shop");
    private static final Health.Alive ALIVE = new Health.Alive(new ProbeSpec(ProbeSpec.Kind.HTTP,
            "http://127.0.0.1:$PORT/health", Duration.ofSeconds(10), null, Duration.ofSeconds(2)), 4);

    /** The shop with api's health replaced (api has a ready probe) and the db's (it has one too) left alone. */
    private static ProjectSpec shop(ServiceSpec api) {
        ProjectSpec spec = ExportFixtures.shop(SRV);
        Map<String, ServiceSpec> services = new LinkedHashMap<>(spec.services());
        services.put("api", api);
        return new ProjectSpec("shop", SRV, spec.file(), services, Map.of());
    }

    private static ServiceSpec api(boolean withReady, Health health) {
        ServiceSpec api = ExportFixtures.shop(SRV).services().get("api");
        return new ServiceSpec("api", api.command(), api.cwd(), api.env(), api.dependsOn(), withReady ? api.ready() : null,
                api.restart(), api.maxRestarts(), api.stopSignal(), api.stopTimeout(), false, 8080, api.minUptime(),
                null, null, health);
    }

    @Test
    void systemdGetsMemoryMaxAndWarningsForBoth() {
        ExportResult result = SystemdExport.export(shop(api(true, new Health(ALIVE, 512L << 20))), true,
                ExportFixtures.MACHINE);
        String unit = result.files().get(1).content();
        assertTrue(unit.contains("\nMemoryMax=512M\n"), unit);
        String all = String.join("\n", result.warnings());
        assertTrue(all.contains("service 'api': alive (http://127.0.0.1:$PORT/health) not exported: systemd has no "
                + "liveness probe"), all);
        assertTrue(all.contains("service 'api': max_memory becomes MemoryMax=, a hard limit"), all);
    }

    @Test
    void composeMakesAliveTheHealthcheckWhenThereIsNoReadyProbe() throws Exception {
        ExportResult result = ComposeExport.export(shop(api(false, new Health(ALIVE, 3L << 30))));
        var api = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(result.files().get(0).content()).get("services").get("api");
        var check = api.get("healthcheck");
        assertEquals("curl -fsS -o /dev/null 'http://127.0.0.1:8080/health' || exit 1", check.get("test").get(1).asText());
        assertEquals("10s", check.get("interval").asText());
        assertEquals("2s", check.get("timeout").asText());
        assertEquals(4, check.get("retries").asInt(), "failures in a row");
        assertEquals("3g", api.get("mem_limit").asText());
        String all = String.join("\n", result.warnings());
        assertTrue(all.contains("service 'api': alive becomes the healthcheck, but Docker Compose only marks the "
                + "container unhealthy, it does not restart it"), all);
        assertTrue(all.contains("service 'api': max_memory becomes mem_limit, a hard limit"), all);
    }

    @Test
    void composeKeepsTheReadyProbeAsTheOneHealthcheckAndSaysAliveIsLeftOut() {
        ExportResult result = ComposeExport.export(shop(api(true, new Health(ALIVE, 1000))));
        String text = result.files().get(0).content();
        assertTrue(text.contains("mem_limit: \"1000b\""), text);
        String all = String.join("\n", result.warnings());
        assertTrue(all.contains("service 'api': alive (http://127.0.0.1:$PORT/health) not exported: Compose has one "
                + "healthcheck per service"), all);
    }

    @Test
    void systemdGetsSuccessExitStatusWithTheSignalA128PlusNCodeAlsoMeans() {
        ServiceSpec api = ExportFixtures.shop(SRV).services().get("api").withSuccessExitCodes(java.util.Set.of(0, 3, 130));
        String unit = SystemdExport.export(shop(api), true, ExportFixtures.MACHINE).files().get(1).content();
        assertTrue(unit.contains("\nSuccessExitStatus=3 130 SIGINT\n"), unit);
        String plain = SystemdExport.export(ExportFixtures.shop(SRV), true, ExportFixtures.MACHINE).files().get(1).content();
        assertTrue(!plain.contains("SuccessExitStatus"), plain);
    }

    @Test
    void systemdRestartSecIsTheRestartDelayWhenThereIsOne() {
        ServiceSpec api = ExportFixtures.shop(SRV).services().get("api").withRestartDelay(Duration.ofSeconds(7));
        String unit = SystemdExport.export(shop(api), true, ExportFixtures.MACHINE).files().get(1).content();
        assertTrue(unit.contains("\nRestartSec=7s\n"), unit);
    }

    @Test
    void systemdRunsTheStopCommandAsExecStop() {
        ServiceSpec api = ExportFixtures.shop(SRV).services().get("api").withStopCommand("./api --shutdown");
        String unit = SystemdExport.export(shop(api), true, ExportFixtures.MACHINE).files().get(1).content();
        assertTrue(unit.contains("\nExecStop=/bin/sh -c "), unit);
        assertTrue(unit.contains("--shutdown"), unit);
        String all = String.join("\n", ComposeExport.export(shop(api)).warnings());
        assertTrue(all.contains("service 'api': stop_command not exported"), all);
    }
}
