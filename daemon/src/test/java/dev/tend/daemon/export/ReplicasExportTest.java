package dev.tend.daemon.export;

import dev.tend.daemon.core.ProjectSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** replicas: compose's deploy.replicas; systemd, which runs one process per unit, a warning saying how. */
class ReplicasExportTest {
    private static final Path SRV = Path.of("/srv/shop");

    private static ProjectSpec shop() {
        return ExportFixtures.shop(SRV).withReplicas(Map.of("worker", 3));
    }

    @Test
    void composeGetsDeployReplicasAndAWarningThatCopiesAreNotNumbered() throws Exception {
        ExportResult result = ComposeExport.export(shop());
        var services = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(result.files().get(0).content())
                .get("services");
        assertEquals(3, services.get("worker").get("deploy").get("replicas").asInt());
        assertTrue(services.get("api").get("deploy") == null, "a service without replicas has none");
        String all = String.join("\n", result.warnings());
        assertTrue(all.contains("service 'worker': replicas 3 becomes deploy.replicas"), all);
    }

    @Test
    void systemdWarnsThatATemplateUnitIsTheWay() {
        ExportResult result = SystemdExport.export(shop(), true, ExportFixtures.MACHINE);
        String all = String.join("\n", result.warnings());
        assertTrue(all.contains("service 'worker': replicas 3 not exported: a unit runs one process; make this unit a "
                + "template (shop-worker@.service with Environment=TEND_REPLICA=%i)"), all);
    }
}
