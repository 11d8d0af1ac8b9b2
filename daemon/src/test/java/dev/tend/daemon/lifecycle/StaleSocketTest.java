package dev.tend.daemon.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaleSocketTest {
    @TempDir
    Path tmp;

    @Test
    void deadSocketFileIsRemoved() throws IOException {
        Path socket = tmp.resolve("default.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        } // closed without unlinking, as when a daemon is killed
        assertTrue(Files.exists(socket));
        StaleSocket.clear(socket);
        assertFalse(Files.exists(socket));
    }

    @Test
    void removedDeadSocketCanBeBoundAgain() throws IOException {
        Path socket = tmp.resolve("default.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket)).close();
        StaleSocket.clear(socket);
        try (ServerSocketChannel again = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            assertDoesNotThrow(() -> again.bind(UnixDomainSocketAddress.of(socket)));
        }
    }

    @Test
    void missingSocketIsNothingToDo() {
        assertDoesNotThrow(() -> StaleSocket.clear(tmp.resolve("absent.sock")));
    }

    @Test
    void liveListenerIsRefusedAndKeepsItsAddress() throws IOException {
        Path socket = tmp.resolve("default.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            IOException e = assertThrows(IOException.class, () -> StaleSocket.clear(socket));
            assertEquals("something is already listening on " + socket + " without holding the pid lock; "
                    + "refusing to take its place", e.getMessage());
            assertTrue(Files.exists(socket));
        }
    }
}
