package dev.tend.daemon.export;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComposeExportTest {

    @Test
    void composeFileMatchesTheGoldenFile() {
        ExportResult result = ComposeExport.export(ExportFixtures.shop(Path.of("/srv/shop")));
        assertEquals(List.of("compose.yaml"), result.files().stream().map(ExportResult.ExportFile::name).toList());
        Golden.check("compose/compose.yaml", result.files().get(0).content());
    }

    /** No docker compose here to ask, so at least: valid YAML with the structure Compose reads. */
    @Test
    void theFileIsYamlThatComposeReadsAsIntended() throws Exception {
        String text = ComposeExport.export(ExportFixtures.shop(Path.of("/srv/shop"))).files().get(0).content();
        var tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(text);
        var api = tree.get("services").get("api");
        assertEquals("service_healthy", api.get("depends_on").get("db").get("condition").asText());
        assertEquals(List.of("/bin/sh", "-c", "./run-api --greeting \"hi $$USER\" 100%"),
                List.of(api.get("command").get(0).asText(), api.get("command").get(1).asText(),
                        api.get("command").get(2).asText()));
        assertEquals("say \"x\"\\y", api.get("environment").get("QUOTE").asText());
        assertEquals(List.of("/srv/shop/.env", "/srv/shop/api/secrets.env"),
                List.of(api.get("env_file").get(0).asText(), api.get("env_file").get(1).asText()));
        assertTrue(!api.get("environment").has("DB_PASSWORD"), "env file values stay in the env file");
        assertTrue(!text.contains(ExportFixtures.SECRET), text);
        assertEquals("no", tree.get("services").get("worker").get("restart").asText());
    }

    @Test
    void aProjectDirectoryWithAColonIsMountedWholeNotSplitAtIt() throws Exception {
        String text = ComposeExport.export(ExportFixtures.shop(Path.of("/srv/co:lon"))).files().get(0).content();
        var tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(text);
        var volume = tree.get("services").get("api").get("volumes").get(0);
        assertEquals("bind", volume.get("type").asText(), text);
        assertEquals("/srv/co:lon", volume.get("source").asText());
        assertEquals("/app", volume.get("target").asText());
    }

    @Test
    void jobsLogProbesAndAutoPortsAreReported() {
        String all = String.join("\n", ComposeExport.export(ExportFixtures.shop(Path.of("/srv/shop"))).warnings());
        assertTrue(all.contains("job 'backup' not exported"), all);
        assertTrue(all.contains("service 'worker': the log probe"), all);
        assertTrue(all.contains("service 'worker': port: auto"), all);
    }

    @Test
    void successExitCodesComposeCannotKeepAreAWarning() {
        var spec = ExportFixtures.shop(Path.of("/srv/shop"));
        var services = new java.util.LinkedHashMap<>(spec.services());
        services.put("api", services.get("api").toBuilder().successExitCodes(java.util.Set.of(0, 3)).build());
        var project = new dev.tend.daemon.core.ProjectSpec(spec.name(), spec.dir(), spec.file(), services, spec.jobs());

        String all = String.join("\n", ComposeExport.export(project).warnings());

        assertTrue(all.contains("service 'api': success_exit_codes [0, 3] not exported"), all);
    }

    @Test
    void dollarsAreDoubledSoComposeDoesNotInterpolate() {
        assertEquals("\"echo $$HOME \\\"x\\\"\"", ComposeExport.str("echo $HOME \"x\""));
    }

    @Test
    void projectNamesAreMadeValidForCompose() {
        assertEquals("my-app_1", ComposeExport.composeName("My.App_1"));
        assertEquals("p_x", ComposeExport.composeName("_x"));
    }
}
