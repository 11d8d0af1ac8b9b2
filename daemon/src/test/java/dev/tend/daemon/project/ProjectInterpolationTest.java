package dev.tend.daemon.project;

import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectInterpolationTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void variablesAreSubstitutedInCommandCwdEnvProbeAndEnvFile() throws Exception {
        Files.createDirectories(dir.resolve("web"));
        write("conf/web.env", "A=1\n");
        write("tend.yaml", """
                env_file: conf/${KIND}.env
                services:
                  api:
                    command: serve --host ${HOST} $${HOME} $PWD $$
                    cwd: ${KIND}
                    env: { URL: "http://${HOST}:${API_PORT:-8080}", RAW: "$1 $${X}" }
                    ready: { http: "http://${HOST}:${API_PORT:-8080}/health" }
                jobs:
                  nightly:
                    schedule: "@daily"
                    command: backup ${HOST}
                """);
        ProjectSpec spec = ProjectFiles.load(dir, Map.of("HOST", "127.0.0.1", "KIND", "web"));
        ServiceSpec api = spec.services().get("api");
        assertEquals("serve --host 127.0.0.1 ${HOME} $PWD $$", api.command());
        assertEquals(dir.resolve("web").toAbsolutePath().normalize(), api.cwd());
        assertEquals("http://127.0.0.1:8080", api.env().get("URL"));
        assertEquals("$1 ${X}", api.env().get("RAW"));
        assertEquals("1", api.env().get("A"));
        assertEquals("http://127.0.0.1:8080/health", api.ready().target());
        assertEquals("backup 127.0.0.1", spec.jobs().get("nightly").command());
    }

    @Test
    void defaultsNestedPastTheLimitAreRefusedWithTheLineNotAStackOverflow() throws Exception {
        String deep = "${A:-".repeat(1000) + "x" + "}".repeat(1000);
        write("tend.yaml", "services:\n  api:\n    command: echo " + deep + "\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir, Map.of()));
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("${...} nested more than 32 deep"), e.getMessage());

        String limit = "${A:-".repeat(Interpolator.MAX_NESTING + 1) + "x" + "}".repeat(Interpolator.MAX_NESTING + 1);
        write("tend.yaml", "services:\n  api:\n    command: echo " + limit + "\n");
        assertEquals("echo x", ProjectFiles.load(dir, Map.of()).services().get("api").command());
    }

    @Test
    void anUnsetVariableFailsWithTheFileLineAndName() throws Exception {
        write("tend.yaml", """
                services:
                  api:
                    command: serve
                    env:
                      TOKEN: ${API_TOKEN}
                """);
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir, Map.of()));
        assertEquals(5, e.line());
        assertEquals("tend.yaml", e.file().getFileName().toString());
        assertTrue(e.reason().startsWith("variable API_TOKEN is not set"), e.getMessage());
    }

    @Test
    void theDotEnvBesideTheFileGivesVariablesAndTheShellEnvironmentWins() throws Exception {
        write(".env", "HOST=from-dotenv\nNAME=dotenv\n");
        write("tend.yaml", "services:\n  api:\n    command: serve ${HOST} ${NAME}\n");
        ProjectSpec spec = ProjectFiles.load(dir, Map.of("HOST", "from-shell"));
        assertEquals("serve from-shell dotenv", spec.services().get("api").command());
        assertEquals(null, spec.services().get("api").env().get("NAME"), ".env is for the file, not the services");
    }

    @Test
    void aBrokenDotEnvIsReportedWithItsOwnLine() throws Exception {
        write(".env", "# fine\nnot a line\n");
        write("tend.yaml", "services:\n  api:\n    command: serve\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir, Map.of()));
        assertEquals(".env", e.file().getFileName().toString());
        assertEquals(2, e.line());
    }

    @Test
    void keysAndOtherFieldsAreNotInterpolated() throws Exception {
        write("tend.yaml", "services:\n  api:\n    command: serve\n    stop_signal: ${SIG}\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir, Map.of("SIG", "INT")));
        assertTrue(e.reason().contains("${SIG}"), e.getMessage());
    }

    @Test
    void processComposeFilesAreInterpolatedInTheSameFields() throws Exception {
        write("process-compose.yaml", """
                environment: ["LEVEL=${LEVEL:-info}"]
                processes:
                  web:
                    command: serve ${HOST}
                    environment: ["URL=http://${HOST}"]
                """);
        ServiceSpec web = ProjectFiles.load(dir, Map.of("HOST", "h")).services().get("web");
        assertEquals("serve h", web.command());
        assertEquals("http://h", web.env().get("URL"));
        assertEquals("info", web.env().get("LEVEL"));
    }
}
