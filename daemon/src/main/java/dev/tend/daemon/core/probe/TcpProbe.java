package dev.tend.daemon.core.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Ready when a TCP connection to host:port succeeds. */
final class TcpProbe implements Probe {

    private final String host;
    private final int port;
    private final Duration connectTimeout;
    private volatile String lastProblem;

    TcpProbe(String host, int port, Duration connectTimeout) {
        this.host = host;
        this.port = port;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public boolean check() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return true;
        } catch (IOException e) {
            lastProblem = Probes.problem(e);
            return false;
        }
    }

    @Override
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public String describe() {
        return "tcp " + host + ":" + port;
    }
}
