package dev.tend.daemon.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A port is a number from 1 to 65535, nothing else; an error points at the line and column where it is. */
class PortAndColumnTest {

    @TempDir
    Path dir;

    private int loadedPort(String port) throws Exception {
        Files.writeString(dir.resolve("tend.yaml"), "services:\n  api:\n    command: x\n    port: " + port + "\n");
        return ProjectFiles.load(dir).services().get("api").port();
    }

    private ProjectFileException rejected(String yaml) throws IOException {
        Files.writeString(dir.resolve("tend.yaml"), yaml);
        return assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
    }

    @Test
    void thePortsAtBothEndsOfTheRangeAreAccepted() throws Exception {
        assertEquals(1, loadedPort("1"));
        assertEquals(65535, loadedPort("65535"));
        assertEquals(8080, loadedPort("\"08080\""), "five digits with a leading zero still name a port");
    }

    @Test
    void portsJustOutsideTheRangeOrNotANumberAreRefused() throws Exception {
        for (String bad : new String[] {"0", "65536", "99999", "123456", "-1", "\"\"", "\"80 \"", "8o"}) {
            ProjectFileException e = assertThrows(ProjectFileException.class, () -> loadedPort(bad), bad);
            assertTrue(e.reason().contains("expected a number from 1 to 65535, or auto"), e.getMessage());
        }
    }

    @Test
    void aProcfilesDotEnvPortIsTheBaseWithinTheRangeAndRefusedOutsideIt() throws Exception {
        Files.writeString(dir.resolve("Procfile"), "web: ./serve\n");
        Files.writeString(dir.resolve(".env"), "PORT=65535\n");
        assertEquals(65535, ProjectFiles.load(dir).services().get("web").port());
        for (String outside : new String[] {"65536", "0"}) { // refused, not passed over for foreman's 5000
            Files.writeString(dir.resolve(".env"), "PORT=" + outside + "\n");
            ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir), outside);
            assertTrue(e.reason().startsWith("PORT '" + outside + "' is not a port from 1 to 65535"), e.getMessage());
        }
    }

    @Test
    void aBadValueIsReportedAtItsColumn() throws IOException {
        ProjectFileException e = rejected("services:\n  api:\n    command: x\n    port: 70000\n");
        assertEquals(4, e.line());
        assertEquals(11, e.column(), "the value starts after '    port: '");
    }

    @Test
    void aDuplicateKeyIsReportedAtTheSecondKeysColumn() throws IOException {
        ProjectFileException e = rejected("services:\n  api:\n    command: x\n  api:\n    command: y\n");
        assertEquals(4, e.line(), e.getMessage());
        assertEquals(3, e.column(), e.getMessage());
    }

    @Test
    void aYamlSyntaxErrorIsReportedAtYamlsOneBasedColumn() throws IOException {
        ProjectFileException e = rejected("services:\n  api:\n    command: \"x\n");
        assertTrue(e.reason().startsWith("YAML syntax error"), e.getMessage());
        assertEquals(4, e.line(), e.getMessage());
        assertEquals(1, e.column(), e.getMessage());
    }
}
