package dev.tend.daemon.export;

import dev.tend.daemon.core.Dependency;
import dev.tend.daemon.core.Dependency.Condition;
import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.daemon.core.process.Signal;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tasks and dependency conditions in the exports: native where the target has them, a warning where not. */
class TaskExportTest {
    private static final Path SRV = Path.of("/srv/shop");

    private static ServiceSpec spec(String name, RestartMode restart, Dependency... deps) {
        return new ServiceSpec(name, "./" + name, SRV, Map.of(), List.of(deps), null, restart, 3, Signal.TERM,
                Duration.ofSeconds(10), false, 0);
    }

    private static ProjectSpec shop(RestartMode migrateRestart) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("migrate", spec("migrate", migrateRestart));
        services.put("seed", spec("seed", RestartMode.NO));
        services.put("api", spec("api", RestartMode.ON_FAILURE,
                new Dependency("migrate", Condition.COMPLETED_SUCCESSFULLY), new Dependency("seed", Condition.COMPLETED)));
        return new ProjectSpec("shop", SRV, SRV.resolve("tend.yaml"), services, Map.of());
    }

    private static String unit(ExportResult r, String name) {
        return r.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().content();
    }

    @Test
    void systemdRunsAnAwaitedTaskAsAOneshotThatRemainsAndRequiresOnlyASuccessfulOne() {
        ExportResult r = SystemdExport.export(shop(RestartMode.NO), true, ExportFixtures.MACHINE);
        String migrate = unit(r, "shop-migrate.service");
        assertTrue(migrate.contains("Type=oneshot\nRemainAfterExit=yes\n"), migrate);
        String api = unit(r, "shop-api.service");
        assertTrue(api.contains("Requires=shop-migrate.service\nAfter=shop-migrate.service\n"), api);
        assertTrue(api.contains("Wants=shop-seed.service\nAfter=shop-seed.service\n"),
                "completed: api starts whatever seed's exit code: " + api);
        assertTrue(api.contains("Type=simple"), api);
    }

    @Test
    void systemdWarnsWhenAnAwaitedTaskRestartsAlways() {
        ExportResult r = SystemdExport.export(shop(RestartMode.ALWAYS), true, ExportFixtures.MACHINE);
        assertTrue(unit(r, "shop-migrate.service").contains("Type=simple"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("service 'migrate': a dependent waits for it to "
                + "complete")), r.warnings().toString());
    }

    @Test
    void composeSaysServiceCompletedSuccessfullyAndWarnsForCompletedWhateverTheCode() {
        ExportResult r = ComposeExport.export(shop(RestartMode.NO));
        String text = r.files().get(0).content();
        assertTrue(text.contains("      migrate:\n        condition: service_completed_successfully\n"), text);
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("service 'api': depends_on seed (completed)")),
                r.warnings().toString());
        assertFalse(r.warnings().stream().anyMatch(w -> w.contains("migrate")), r.warnings().toString());
    }
}
