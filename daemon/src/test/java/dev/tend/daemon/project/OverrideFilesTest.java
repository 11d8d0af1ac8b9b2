package dev.tend.daemon.project;

import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverrideFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static final String BASE = """
            project: shop
            services:
              api:
                command: serve
                env: { LEVEL: info, MODE: prod }
                depends_on: [db]
              db:
                command: postgres
            """;

    @Test
    void theOverrideBesideTendYamlMergesMapsPerKeyAndReplacesLists() throws Exception {
        write("tend.yaml", BASE);
        write("tend.override.yaml", """
                services:
                  api:
                    env: { LEVEL: debug }
                    depends_on: []
                  worker:
                    command: work
                """);
        ProjectFiles.Loaded loaded = ProjectFiles.read(dir, Map.of());
        ProjectSpec spec = loaded.spec();
        ServiceSpec api = spec.services().get("api");
        assertEquals("serve", api.command());
        assertEquals(Map.of("LEVEL", "debug", "MODE", "prod"), api.env());
        assertEquals(List.of(), api.dependsOn());
        assertEquals(List.of("api", "db", "worker"), List.copyOf(spec.services().keySet()));
        assertEquals("shop", spec.name());
        assertEquals(dir.resolve("tend.yaml").toAbsolutePath(), spec.file(), "the project is the base file's");
        assertEquals(List.of(dir.resolve("tend.yaml").toAbsolutePath(), dir.resolve("tend.override.yaml").toAbsolutePath()),
                loaded.files());
    }

    @Test
    void explicitFilesMergeInOrderWithoutTheAutomaticOverride() throws Exception {
        Path base = write("base.yaml", BASE);
        Path local = write("local.yaml", "services:\n  api:\n    command: serve --local\n");
        Path last = write("last.yaml", "services:\n  api:\n    env: { MODE: dev }\n");
        write("tend.override.yaml", "services:\n  api:\n    command: never\n");
        ServiceSpec api = ProjectFiles.read(List.of(base, local, last), Map.of()).spec().services().get("api");
        assertEquals("serve --local", api.command());
        assertEquals("dev", api.env().get("MODE"));
    }

    @Test
    void anOverrideThatIsThereButCannotBeReadIsAnErrorNotLeftOutInSilence() throws Exception {
        write("tend.yaml", BASE);
        Path override = dir.resolve("tend.override.yaml");
        Files.createSymbolicLink(override, dir.resolve("nowhere/o.yaml"));
        ProjectFileException dangling = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir, Map.of()));
        assertEquals(override, dangling.file());
        assertEquals("not a regular file (a link to nothing, a directory, a device): it would not be merged; remove it "
                + "or make it a file", dangling.reason());

        Files.delete(override);
        Files.createDirectory(dir.resolve("tend.override.yml"));
        ProjectFileException directory = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir, Map.of()));
        assertEquals(dir.resolve("tend.override.yml"), directory.file());
    }

    @Test
    void anErrorInAnOverrideNamesThatFileAndLine() throws Exception {
        write("tend.yaml", BASE);
        write("tend.override.yaml", "services:\n  api:\n    restart: sometimes\n    depends_on: [cache]\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir, Map.of()));
        assertEquals("tend.override.yaml:3", e.file().getFileName() + ":" + e.line());

        write("tend.override.yaml", "services:\n  api:\n    depends_on: [cache]\n");
        e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir, Map.of()));
        assertEquals("tend.override.yaml:3", e.file().getFileName() + ":" + e.line());
        assertTrue(e.reason().contains("unknown service 'cache'"), e.getMessage());

        write("tend.override.yaml", "services:\n  api:\n    comand: x\n");
        e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir, Map.of()));
        assertEquals("tend.override.yaml:3", e.file().getFileName() + ":" + e.line());

        write("tend.override.yaml", "services:\n  api:\n    env: { TOKEN: \"${TOKEN}\" }\n");
        e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir, Map.of()));
        assertEquals("tend.override.yaml:3", e.file().getFileName() + ":" + e.line());
    }

    @Test
    void anErrorLeftInTheBaseStillNamesTheBase() throws Exception {
        write("tend.yaml", BASE.replace("command: postgres", "command: postgres\n    restart: sometimes"));
        write("tend.override.yaml", "services:\n  api:\n    command: x\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.read(dir, Map.of()));
        assertEquals("tend.yaml:9", e.file().getFileName() + ":" + e.line());
    }

    @Test
    void onlyTendYamlFilesMerge() throws Exception {
        Path procfile = write("Procfile", "web: serve\n");
        Path local = write("local.yaml", "services:\n  web:\n    command: x\n");
        ProjectFileException e = assertThrows(ProjectFileException.class,
                () -> ProjectFiles.read(List.of(procfile, local), Map.of()));
        assertTrue(e.reason().contains("only tend.yaml files merge"), e.getMessage());
    }

    @Test
    void aMissingExplicitFileIsNamed() throws Exception {
        Path base = write("base.yaml", BASE);
        ProjectFileException e = assertThrows(ProjectFileException.class,
                () -> ProjectFiles.read(List.of(base, dir.resolve("nope.yaml")), Map.of()));
        assertEquals("nope.yaml", e.file().getFileName().toString());
    }
}
