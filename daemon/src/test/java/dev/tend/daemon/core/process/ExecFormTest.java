package dev.tend.daemon.core.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecFormTest {

    private static void execd(String command) {
        assertEquals("exec " + command.strip(), ExecForm.of(command), command);
    }

    private static void leftAlone(String command) {
        assertEquals(command, ExecForm.of(command), command);
    }

    @Test
    void oneSimpleCommandIsExecdSoItsPidIsTheProgramsOwn() {
        execd("python3 worker.py");
        execd("  ./run-server --port $PORT  ");
        execd("node server.js > out.log");
        execd("echo 'a; b | c & d'");
        execd("printf \"%s\\n\" \"x;y\" $(cat file; echo z)");
        execd("sleep 1000 \\; x");
    }

    @Test
    void listsPipelinesCompoundsBuiltinsAndAssignmentsKeepTheirShell() {
        leftAlone("sleep 1; exit 3");
        leftAlone("a && b");
        leftAlone("a || b");
        leftAlone("server & wait");
        leftAlone("producer | consumer");
        leftAlone("(cd web && make)");
        leftAlone("trap 'echo hup' HUP");
        leftAlone("exit 3");
        leftAlone("cd web");
        leftAlone("PORT=80 ./run");
        leftAlone("if true; then x; fi");
        leftAlone("{ a; }");
        leftAlone("exec sleep 1000");
        leftAlone("a\nb");
        leftAlone("echo `date`");
        leftAlone("echo 'unterminated");
        leftAlone("run # a comment");
        leftAlone("");
    }

    @Test
    void aBareWordADollarAtTheEndAndAHashInsideAWordAreStillOneSimpleCommand() {
        execd("make");
        execd("echo costs 5$");
        execd("echo a#b");
    }

    @Test
    void aCommentRightAfterTheCommandKeepsTheShell() {
        leftAlone("run #comment");
    }
}
