package dev.tend.daemon.rpc;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the daemon.* methods report and control, handed in by the wiring so this layer knows no lifecycle
 * internals. startedBy is "systemd" or "launchd" when the login service started the daemon, else "client".
 * takeStartNotices hands out, once, what this start did that the user must know (a damaged database set
 * aside): the first client to say hello shows it.
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
        LongSupplier settingsModifiedMillis,
        Supplier<List<String>> takeStartNotices,
        String startedBy) {
}
