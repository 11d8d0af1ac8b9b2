package dev.tend.daemon.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/** TCP ports for `port: auto`, and the variable that tells a dependent the port of a service. */
final class Ports {

    private Ports() {
    }

    /** A port nothing listens on now, chosen by the OS, and none of those given to other services. */
    static int free(Set<Integer> given) {
        for (int tries = 0; tries < 1000; tries++) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (!given.contains(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free TCP port: " + e.getMessage(), e);
            }
        }
        throw new UncheckedIOException(new IOException("no free TCP port that no other service was given"));
    }

    /** Whether a service could listen on the port now (on every address, as most servers do). */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true); // a port in TIME_WAIT after the last run is free to listen on
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** TEND_PORT_API for "api", TEND_PORT_API_V2 for "api-v2": capitals, '_' for anything else. */
    static String variable(String service) {
        return "TEND_PORT_" + service.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
