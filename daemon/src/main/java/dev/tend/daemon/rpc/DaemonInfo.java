package dev.tend.daemon.rpc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the daemon.* methods report and control, handed in by the wiring so this layer knows no lifecycle
 * internals.
 */
public record DaemonInfo(
        String version,
        String instance,
        long pid,
        Instant startedAt,
        Path socket,
        boolean socketShortened,
        Path stateDir,
        Supplier<String> transport,
        IntSupplier connections,
        Consumer<String> requestShutdown,
        Supplier<Map<String, Object>> reload,
        LongSupplier settingsModifiedMillis) {
}
