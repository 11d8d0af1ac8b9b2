package dev.tend.daemon.lifecycle;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Clears a socket file left by a daemon that died; called only by the pid-lock holder. */
public final class StaleSocket {
    private StaleSocket() {
    }

    /**
     * Removes the path when nothing answers on it (ECONNREFUSED). If something does answer, the lock was
     * somehow not held by it: refuse rather than steal its address.
     */
    public static void clear(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException("something is already listening on " + socket + " without holding the pid lock; "
                    + "refusing to take its place");
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("something is already listening")) {
                throw e;
            }
            Files.deleteIfExists(socket);
        }
    }
}
