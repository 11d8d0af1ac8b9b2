package dev.tend.daemon.project;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterpolatorTest {

    private final Interpolator vars = new Interpolator(Map.of("HOST", "db.local", "EMPTY", "", "N", "3"));

    private String in(String text) throws Interpolator.Problem {
        return vars.interpolate(text);
    }

    private String problem(String text) {
        return assertThrows(Interpolator.Problem.class, () -> vars.interpolate(text)).getMessage();
    }

    @Test
    void bracedVariablesAreReplacedByTheirValues() throws Exception {
        assertEquals("psql -h db.local -c 3", in("psql -h ${HOST} -c ${N}"));
        assertEquals("", in("${EMPTY}"));
        assertEquals("no variables here", in("no variables here"));
    }

    @Test
    void colonDashDefaultsCoverUnsetAndEmptyDashDefaultsOnlyUnset() throws Exception {
        assertEquals("5432", in("${DB_PORT:-5432}"));
        assertEquals("x", in("${EMPTY:-x}"));
        assertEquals("", in("${EMPTY-x}"));
        assertEquals("x", in("${UNSET-x}"));
        assertEquals("db.local", in("${HOST:-x}"));
        assertEquals("", in("${UNSET:-}"));
    }

    @Test
    void defaultsMayNameVariablesThemselves() throws Exception {
        assertEquals("http://db.local:80", in("http://${UNSET:-${HOST}}:${PORT_NR:-80}"));
    }

    @Test
    void plusGivesTheAlternativeOnlyWhenSet() throws Exception {
        assertEquals("-v", in("${N:+-v}"));
        assertEquals("", in("${UNSET:+-v}"));
        assertEquals("", in("${EMPTY:+-v}"));
        assertEquals("-v", in("${EMPTY+-v}"));
    }

    @Test
    void anUnsetVariableWithoutADefaultIsAnErrorNamingIt() {
        String message = problem("run ${API_TOKEN} now");
        assertTrue(message.startsWith("variable API_TOKEN is not set"), message);
    }

    @Test
    void questionMarkFailsWithTheGivenMessage() throws Exception {
        assertEquals("variable TOKEN is not set: get one from the vault", problem("${TOKEN:?get one from the vault}"));
        assertEquals("variable EMPTY is empty: needed", problem("${EMPTY:?needed}"));
        assertEquals("", in("${EMPTY?needed}"));
        assertEquals("db.local", in("${HOST:?needed}"));
    }

    @Test
    void doubleDollarBeforeABraceIsTheEscapeForTheShell() throws Exception {
        assertEquals("echo ${HOST} ${HOST:-x} $$${X}", in("echo $${HOST} $${HOST:-x} $$$${X}"), "$$ (the pid), then the escape");
    }

    @Test
    void doubleDollarElsewhereIsTheShellsProcessId() throws Exception {
        assertEquals("echo $$ > app.pid; kill -KILL $$; echo $$$", in("echo $$ > app.pid; kill -KILL $$; echo $$$"));
        assertEquals("$$db.local", in("$$${HOST}"));
    }

    @Test
    void unbracedDollarIsLeftForTheShell() throws Exception {
        assertEquals("echo $HOST $1 $(date) $", in("echo $HOST $1 $(date) $"));
    }

    @Test
    void namesTendSetsAtStartTimeAreLeftAsWritten() throws Exception {
        assertEquals("http://127.0.0.1:${PORT}/ ${PORT:-none} ${TEND_PORT_API}", in("http://127.0.0.1:${PORT}/ ${PORT:-none} ${TEND_PORT_API}"));
    }

    @Test
    void shellOnlyFormsAreRefusedWithTheEscapeAsHint() {
        for (String text : new String[] {"${#ARR}", "${HOST%%.*}", "${HOST:0:2}", "${}", "${A[@]}"}) {
            String message = problem(text);
            assertTrue(message.contains("not a variable tend can substitute") && message.contains("$${"), message);
        }
    }

    @Test
    void anUnclosedBraceIsAnError() {
        assertTrue(problem("echo ${HOST").contains("no closing '}'"));
    }
}
