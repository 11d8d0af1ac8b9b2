package dev.tend.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShellWordsTest {

    @Test
    void singleWordIsKeptAsAWholeShellCommand() {
        assertEquals("python -m http.server | tee log", ShellWords.join(List.of("python -m http.server | tee log")));
    }

    @Test
    void safeWordsAreJoinedUnquoted() {
        assertEquals("java -Xmx64m -cp a.jar:b.jar dev.Main --port=8080 user@host 50%",
                ShellWords.join(List.of("java", "-Xmx64m", "-cp", "a.jar:b.jar", "dev.Main", "--port=8080", "user@host", "50%")));
    }

    @Test
    void wordsWithSpacesOrShellCharactersAreSingleQuoted() {
        assertEquals("echo 'hello world' '$HOME' 'a;b' '*'",
                ShellWords.join(List.of("echo", "hello world", "$HOME", "a;b", "*")));
    }

    @Test
    void singleQuotesInsideAWordAreEscaped() {
        assertEquals("echo 'it'\\''s'", ShellWords.join(List.of("echo", "it's")));
    }

    @Test
    void emptyWordIsQuoted() {
        assertEquals("printf '' x", ShellWords.join(List.of("printf", "", "x")));
    }

    @Test
    void quotedCommandRunsAsTheOriginalWordsInSh() throws Exception {
        List<String> words = List.of("printf", "[%s]\\n", "a b", "it's", "$X", "", "\"q\"");
        Process p = new ProcessBuilder("/bin/sh", "-c", ShellWords.join(words)).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor());
            assertEquals("[a b]\n[it's]\n[$X]\n[]\n[\"q\"]\n", out);
        } finally {
            p.destroyForcibly();
        }
    }
}
