package dev.tend.daemon.project;

import dev.tend.daemon.core.ProjectSpec;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSpec;
import dev.tend.protocol.NameRule;
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

class ProcfileTest {

    @TempDir
    Path dir;

    private ProjectFileException rejected(String procfile) throws IOException {
        Files.writeString(dir.resolve("Procfile"), procfile);
        return assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
    }

    @Test
    void eachLineBecomesAServiceWithDefaultsInFileOrder() throws Exception {
        Files.writeString(dir.resolve("Procfile"), """
                # processes
                web: bundle exec rails server -p $PORT

                worker:   ./worker --queue=a:b
                clock:./clock\r
                """);

        ProjectSpec spec = ProjectFiles.load(dir);

        Path root = dir.toAbsolutePath().normalize();
        assertEquals(root.resolve("Procfile"), spec.file());
        assertEquals(root, spec.dir());
        assertEquals(NameRule.sanitize(root.getFileName().toString()), spec.name());
        assertEquals(List.of("web", "worker", "clock"), List.copyOf(spec.services().keySet()));
        assertEquals(ServiceSpec.adhoc("web", "bundle exec rails server -p $PORT", root, Map.of(),
                RestartMode.ON_FAILURE).withPort(5000), spec.services().get("web"));
        assertEquals("./worker --queue=a:b", spec.services().get("worker").command());
        assertEquals("./clock", spec.services().get("clock").command());
        assertTrue(spec.jobs().isEmpty());
    }

    @Test
    void aByteOrderMarkAnEditorWroteIsNotPartOfTheFirstName() throws Exception {
        Files.writeString(dir.resolve("Procfile"), "\uFEFFweb: ./serve\nworker: ./work\n");
        assertEquals(List.of("web", "worker"), List.copyOf(ProjectFiles.load(dir).services().keySet()));
    }

    @Test
    void eachProcessGetsPortAsForemanGivesIt() throws Exception {
        Files.writeString(dir.resolve("Procfile"), "web: ./serve\nworker: ./work\nclock: ./clock\n");
        assertEquals(List.of(5000, 5100, 5200),
                ProjectFiles.load(dir).services().values().stream().map(ServiceSpec::port).toList());
        Files.writeString(dir.resolve(".env"), "PORT=8000\n");
        assertEquals(List.of(8000, 8100, 8200),
                ProjectFiles.load(dir).services().values().stream().map(ServiceSpec::port).toList(),
                "PORT of the .env is the base, as with foreman and honcho");
    }

    @Test
    void aDotEnvPortThatIsNoPortIsRefusedNotPassedOverInSilence() throws Exception {
        Files.writeString(dir.resolve(".env"), "# base port\nPORT=abc\n");
        ProjectFileException e = rejected("web: ./serve\n");
        assertTrue(e.file().toString().endsWith(".env"), e.getMessage());
        assertEquals(2, e.line(), e.getMessage());
        assertEquals("PORT 'abc' is not a port from 1 to 65535 (the first process's; each next one gets 100 more)",
                e.reason());
    }

    @Test
    void aProcessThatWouldGetAPortPast65535IsRefusedNotLeftWithoutOne() throws Exception {
        Files.writeString(dir.resolve(".env"), "PORT=65500\n");
        ProjectFileException e = rejected("web: ./serve\nworker: ./work\n");
        assertEquals(2, e.line(), e.getMessage());
        assertEquals("process 'worker' would get PORT 65600, past 65535 (PORT=65500 in .env, and 100 more for each "
                + "process before it): set a lower PORT in .env", e.reason());
    }

    @Test
    void aDotEnvValueTooLongToStartAProcessWithIsRefusedWithItsLine() throws Exception {
        Files.writeString(dir.resolve(".env"), "A=1\nBIG=" + "x".repeat(200_000) + "\n");
        ProjectFileException e = rejected("web: ./serve\n");
        assertTrue(e.file().toString().endsWith(".env"), e.getMessage());
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.reason().startsWith("BIG=... is 200,004 bytes, over the 131,071"), e.reason());
    }

    @Test
    void dotEnvBesideTheProcfileGivesEveryProcessItsEnvironment() throws Exception {
        Files.writeString(dir.resolve(".env"), "DATABASE_URL=postgres://localhost/dev\n");
        Files.writeString(dir.resolve("Procfile"), "web: ./serve\n");
        assertEquals(Map.of("DATABASE_URL", "postgres://localhost/dev"),
                ProjectFiles.load(dir).services().get("web").env());
    }

    @Test
    void procfileVariantGivenDirectlyIsReadAsAProcfile() throws Exception {
        Path file = Files.writeString(dir.resolve("Procfile.dev"), "web: ./serve --dev\n");
        assertEquals("./serve --dev", ProjectFiles.load(file).services().get("web").command());
    }

    @Test
    void lineWithoutAColonIsRefusedWithItsLine() throws IOException {
        ProjectFileException e = rejected("web: ./serve\n\njust a command\n");
        assertEquals(dir.resolve("Procfile"), e.file());
        assertEquals(3, e.line());
        assertEquals("expected 'name: command' (a process name, a colon, its command)", e.reason());
    }

    @Test
    void duplicateNameIsRefusedWithBothLines() throws IOException {
        ProjectFileException e = rejected("web: a\nworker: b\nweb: c\n");
        assertEquals(3, e.line());
        assertEquals("duplicate process 'web' (first at line 1)", e.reason());
    }

    @Test
    void badNameIsRefused() throws IOException {
        ProjectFileException e = rejected("-web: a\n");
        assertEquals(1, e.line());
        assertTrue(e.reason().startsWith("bad process name '-web'"), e.reason());
    }

    @Test
    void aCommandTooLongToEverStartIsRefused() throws IOException {
        ProjectFileException e = rejected("web: a\nworker: " + "y".repeat(131_067) + "\n");
        assertEquals(2, e.line());
        assertEquals("process 'worker': the command is 131,067 bytes, over the 131,066 the kernel passes to a program in "
                + "one argument; put it in a script and run that", e.reason());
    }

    @Test
    void missingCommandIsRefused() throws IOException {
        ProjectFileException e = rejected("web: a\nworker:\n");
        assertEquals(2, e.line());
        assertEquals("process 'worker' has no command", e.reason());
    }

    @Test
    void procfileWithOnlyCommentsIsRefused() throws IOException {
        ProjectFileException e = rejected("# nothing yet\n\n");
        assertEquals(0, e.line());
        assertTrue(e.reason().startsWith("no processes declared"), e.reason());
    }
}
