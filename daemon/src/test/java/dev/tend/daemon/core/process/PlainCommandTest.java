package dev.tend.daemon.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlainCommandTest {

    @Test
    void wordsOfPlainCharactersAreTheProgramAndItsArguments() {
        assertEquals(Optional.of(List.of("sleep", "100000")), PlainCommand.words("sleep 100000"));
        assertEquals(Optional.of(List.of("./bin/server", "--port=80", "-v", "a,b:c+d@e%f")),
                PlainCommand.words("  ./bin/server \t --port=80  -v a,b:c+d@e%f  "));
        assertEquals(Optional.of(List.of("az", "AZ", "09")), PlainCommand.words("az AZ 09"),
                "the first and last of each range");
    }

    @Test
    void theExecThatExecFormPutsBeforeACommandIsLeftOut() {
        assertEquals(Optional.of(List.of("python3", "-m", "http.server", "8080")),
                PlainCommand.words(ExecForm.of("python3 -m http.server 8080")));
        assertEquals(Optional.empty(), PlainCommand.words("exec"));
    }

    @Test
    void anythingAShellWouldExpandQuoteRedirectOrJoinKeepsTheShell() {
        for (String command : List.of("echo $HOME", "sleep ${T}", "ls *.log", "ls file?", "ls [ab]", "cat ~/x",
                "say 'a b'", "say \"a b\"", "say a\\ b", "a > out", "a < in", "a | b", "a && b", "a; b", "a &",
                "(a)", "a `b`", "a # note", "a\nb", "a !b", "a {b,c}")) {
            assertEquals(Optional.empty(), PlainCommand.words(command), command);
        }
    }

    @Test
    void keywordsBuiltinsAndAssignmentsKeepTheShell() {
        for (String command : List.of("cd /tmp", "exit 3", "PORT=80 server", "if", "ulimit -n 10", ". ./env",
                "echo -e hi", "printf x", "kill 1", "test -f x", "true", "pwd -P", "")) {
            assertEquals(Optional.empty(), PlainCommand.words(command), command);
        }
    }

    @Test
    void aCommandWithNonAsciiLettersKeepsTheShell() {
        assertTrue(PlainCommand.words("grüß dich").isEmpty());
    }
}
