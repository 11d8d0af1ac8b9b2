package dev.tend.daemon.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvFileTest {

    @TempDir
    Path dir;

    private Map<String, String> read(String text) throws Exception {
        Path file = Files.writeString(dir.resolve(".env"), text);
        return EnvFile.read(file, Path.of(".env"));
    }

    private ProjectFileException rejected(String text) throws IOException {
        Path file = Files.writeString(dir.resolve(".env"), text);
        return assertThrows(ProjectFileException.class, () -> EnvFile.read(file, Path.of("conf/.env")));
    }

    @Test
    void readsAssignmentsCommentsExportAndQuotes() throws Exception {
        Map<String, String> env = read("""
                # a comment

                PLAIN=value
                export EXPORTED=yes
                SPACED = around equals
                EMPTY=
                SINGLE='literal $HOME \\n'
                DOUBLE="line\\nbreak \\"quoted\\""
                HASH=a#b
                INLINE=value # comment
                QUOTED_HASH="a # b" # comment
                URL=postgres://u:p@host/db?x=1
                """);
        assertEquals("value", env.get("PLAIN"));
        assertEquals("yes", env.get("EXPORTED"));
        assertEquals("around equals", env.get("SPACED"));
        assertEquals("", env.get("EMPTY"));
        assertEquals("literal $HOME \\n", env.get("SINGLE"));
        assertEquals("line\nbreak \"quoted\"", env.get("DOUBLE"));
        assertEquals("a#b", env.get("HASH"));
        assertEquals("value", env.get("INLINE"));
        assertEquals("a # b", env.get("QUOTED_HASH"));
        assertEquals("postgres://u:p@host/db?x=1", env.get("URL"));
        assertEquals(List.of("PLAIN", "EXPORTED", "SPACED", "EMPTY", "SINGLE", "DOUBLE", "HASH", "INLINE",
                "QUOTED_HASH", "URL"), List.copyOf(env.keySet()));
    }

    @Test
    void aByteOrderMarkAnEditorWroteIsNotPartOfTheFirstName() throws Exception {
        assertEquals(Map.of("A", "1", "B", "2"), read("\uFEFFA=1\r\nB=2\r\n"));
    }

    @Test
    void anEnvFileOverTheSizeOfAHandWrittenFileIsRefusedUnread() throws IOException {
        ProjectFileException e = rejected("A=" + "x".repeat(SmallTextFile.MAX_BYTES) + "\n");
        assertEquals(Path.of("conf/.env"), e.file());
        assertEquals("257 KiB is more than the 256 KiB an env file may hold", e.reason());
    }

    @Test
    void laterAssignmentWins() throws Exception {
        assertEquals(Map.of("A", "2"), read("A=1\nA=2\n"));
    }

    @Test
    void lineWithoutEqualsIsRefusedWithTheEnvFilesLineNotItsText() throws IOException {
        ProjectFileException e = rejected("A=1\n# ok\nhunter2 NOT AN ASSIGNMENT\n");
        assertEquals(Path.of("conf/.env"), e.file());
        assertEquals(3, e.line());
        assertEquals("expected KEY=VALUE (the line is not shown: env files hold secrets)", e.reason());
        assertEquals("conf/.env:3: expected KEY=VALUE (the line is not shown: env files hold secrets)", e.getMessage());
    }

    @Test
    void badVariableNameIsRefused() throws IOException {
        ProjectFileException e = rejected("1X=1\n");
        assertEquals(1, e.line());
        assertTrue(e.reason().startsWith("bad variable name '1X'"), e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "_", "a", "_1", "A1_b", "PATH", "lower_case", "Z9"})
    void aVariableNameIsLettersDigitsAndUnderscoreNotStartingWithADigit(String name) throws Exception {
        assertEquals(Map.of(name, "v"), read(name + "=v\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1X", "9", "A-B", "A.B", "A%%", "BASH_FUNC_f%%", "Ä", "A:B"})
    void anyOtherVariableNameIsRefused(String name) throws IOException {
        ProjectFileException e = rejected(name + "=v\n");
        assertTrue(e.reason().startsWith("bad variable name ") && e.reason().endsWith("(" + EnvFile.KEY_RULE + ")"),
                e.reason());
    }

    @Test
    void aLineOfAnotherKindOfFileIsNotQuoted() throws IOException {
        ProjectFileException e = rejected("root:$6$c2VjcmV0=x:20228:0:99999:7:::\n");
        assertEquals(1, e.line());
        assertTrue(e.reason().startsWith("bad variable name (not shown:"), e.reason());
        assertTrue(!e.getMessage().contains("c2VjcmV0") && !e.getMessage().contains("root"), e.getMessage());
        ProjectFileException after = rejected("A='quoted' s3cr3t\n");
        assertEquals("unexpected text after the closing quote", after.reason());
    }

    @Test
    void unterminatedQuoteIsRefused() throws IOException {
        ProjectFileException e = rejected("A=1\nB=\"open\n");
        assertEquals(2, e.line());
        assertTrue(e.reason().startsWith("unterminated \" quote"), e.reason());
    }

    @Test
    void textAfterTheClosingQuoteIsRefused() throws IOException {
        ProjectFileException e = rejected("A='x' y\n");
        assertEquals(1, e.line());
        assertTrue(e.reason().contains("after the closing quote"), e.reason());
    }

    @Test
    void serviceEnvLayersProjectFileThenServiceFileThenEnv() throws Exception {
        Files.writeString(dir.resolve(".env"), "A=top\nB=top\nC=top\n");
        Files.writeString(dir.resolve("svc.env"), "B=svc\nC=svc\n");
        Files.writeString(dir.resolve("tend.yaml"), """
                env_file: .env
                services:
                  api:
                    command: x
                    env_file: svc.env
                    env: { C: inline }
                """);
        assertEquals(Map.of("A", "top", "B", "svc", "C", "inline"),
                ProjectFiles.load(dir).services().get("api").env());
    }

    @Test
    void errorInAServicesEnvFileNamesThatFileAsTheUserWroteIt() throws Exception {
        Files.createDirectories(dir.resolve("api"));
        Files.writeString(dir.resolve("api/.env"), "OK=1\nbroken\n");
        Files.writeString(dir.resolve("tend.yaml"), "services:\n  api:\n    command: x\n    env_file: api/.env\n");
        ProjectFileException e = assertThrows(ProjectFileException.class, () -> ProjectFiles.load(dir));
        assertEquals(dir.resolve("api/.env"), e.file());
        assertEquals(2, e.line());
    }
}
