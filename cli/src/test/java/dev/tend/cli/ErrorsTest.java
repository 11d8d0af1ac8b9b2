package dev.tend.cli;

import dev.tend.client.DaemonUnavailableException;
import dev.tend.client.RpcError;
import dev.tend.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsTest {

    private static RpcError rpc(ErrorCode code, String message, Object data) {
        return new RpcError(code.code(), message, data);
    }

    @Test
    void notFoundExitsThree() {
        CliException c = Errors.map(rpc(ErrorCode.NOT_FOUND, "no service 'x' in project 'p'", null));
        assertEquals(3, c.exitCode());
        assertEquals("no service 'x' in project 'p'", c.getMessage());
    }

    @Test
    void invalidParamsIsAUsageError() {
        assertEquals(2, Errors.map(rpc(ErrorCode.INVALID_PARAMS, "bad signal 'FOO'", null)).exitCode());
    }

    @Test
    void invalidParamsPrintsTheDaemonsMessageWhichSaysWhatIsWrong() {
        CliException c = Errors.map(rpc(ErrorCode.INVALID_PARAMS, "parameter 'tail': expected an integer", null));
        assertEquals(2, c.exitCode());
        assertEquals("parameter 'tail': expected an integer", c.getMessage());
    }

    @Test
    void internalErrorKeepsTheIncidentTheDaemonLogged() {
        CliException c = Errors.map(rpc(ErrorCode.INTERNAL_ERROR,
                "Internal error: a bug in tend (incident 0a1b2c3d; `tend daemon logs` has the details)",
                Map.of("incident", "0a1b2c3d")));
        assertEquals(1, c.exitCode());
        assertTrue(c.getMessage().contains("incident 0a1b2c3d"), c.getMessage());
    }

    @Test
    void invalidConfigExitsOneWithFileLineAndReason() {
        CliException c = Errors.map(rpc(ErrorCode.INVALID_CONFIG, "Invalid configuration",
                Map.of("file", "/p/tend.yaml", "line", 7L, "reason", "unknown key 'comand'")));
        assertEquals(1, c.exitCode());
        assertEquals("/p/tend.yaml:7: unknown key 'comand'", c.getMessage());
    }

    @Test
    void invalidConfigWithoutALineNamesJustTheFile() {
        CliException c = Errors.map(rpc(ErrorCode.INVALID_CONFIG, "Invalid configuration",
                Map.of("file", "/p/tend.yaml", "line", 0L, "reason", "no services")));
        assertEquals("/p/tend.yaml: no services", c.getMessage());
        assertEquals("/p/tend.yaml: empty", Errors.map(rpc(ErrorCode.INVALID_CONFIG, "x",
                Map.of("file", "/p/tend.yaml", "reason", "empty"))).getMessage());
    }

    @Test
    void invalidConfigWithoutDataKeepsTheMessage() {
        assertEquals("Invalid configuration", Errors.map(rpc(ErrorCode.INVALID_CONFIG, "Invalid configuration", null)).getMessage());
    }

    @Test
    void shuttingDownAndVersionMismatchMeanTheDaemonIsUnavailable() {
        assertEquals(4, Errors.map(rpc(ErrorCode.SHUTTING_DOWN, "shutting down", null)).exitCode());
        assertEquals(4, Errors.map(rpc(ErrorCode.VERSION_MISMATCH, "too old", null)).exitCode());
    }

    @Test
    void methodNotFoundSuggestsRestartingTheDaemon() {
        CliException c = Errors.map(rpc(ErrorCode.METHOD_NOT_FOUND, "Method not found", null));
        assertEquals(4, c.exitCode());
        assertTrue(c.getMessage().contains("tend daemon restart"), c.getMessage());
    }

    @Test
    void otherAndUnknownCodesFail() {
        assertEquals(1, Errors.map(rpc(ErrorCode.OPERATION_FAILED, "api failed to start", null)).exitCode());
        assertEquals(1, Errors.map(rpc(ErrorCode.CONFLICT, "taken", null)).exitCode());
        CliException unknown = Errors.map(new RpcError(-31999, "strange", null));
        assertEquals(1, unknown.exitCode());
        assertEquals("strange", unknown.getMessage());
    }

    @Test
    void daemonUnavailableExitsFourWithItsMessage() {
        CliException c = Errors.map(new DaemonUnavailableException("the tend daemon did not answer within 30 s"));
        assertEquals(4, c.exitCode());
        assertEquals("the tend daemon did not answer within 30 s", c.getMessage());
    }

    @Test
    void lostConnectionExitsFourAndPointsAtTheDaemonLog() {
        CliException c = Errors.map(new EOFException("the daemon closed the connection"));
        assertEquals(4, c.exitCode());
        assertTrue(c.getMessage().contains("the daemon closed the connection"), c.getMessage());
        assertTrue(c.getMessage().contains("tend daemon logs"), c.getMessage());
        assertEquals(4, Errors.map(new IOException("Broken pipe")).exitCode());
    }

    @Test
    void cliExceptionPassesThrough() {
        CliException original = new CliException(2, "usage");
        assertSame(original, Errors.map(original));
    }

    @Test
    void interruptionExits130() {
        assertEquals(130, Errors.map(new InterruptedException()).exitCode());
    }

    @Test
    void anythingElseIsAnUnexpectedFailure() {
        CliException c = Errors.map(new IllegalStateException("boom"));
        assertEquals(1, c.exitCode());
        assertTrue(c.getMessage().startsWith("unexpected error: "), c.getMessage());
        assertTrue(c.getMessage().contains("boom"), c.getMessage());
    }
}
