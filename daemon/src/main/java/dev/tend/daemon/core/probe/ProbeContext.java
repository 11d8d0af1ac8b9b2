package dev.tend.daemon.core.probe;

import dev.tend.daemon.core.process.ProcessControl;
import dev.tend.daemon.core.process.ProcessLauncher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * What a probe may need from the service it checks.
 *
 * @param port           the service's PORT (auto or fixed), 0 if none: a tcp probe without a port uses it
 * @param attemptTimeout how long one connect, request or check command may take before it counts as failed
 * @param executor       runs helper work (draining an exec probe's output); must not be the probe's own thread
 */
public record ProbeContext(int port, Path cwd, Map<String, String> env, Duration attemptTimeout,
                           ProcessLauncher launcher, ProcessControl control, Executor executor) {

    /** The same context with another time limit per attempt (a liveness probe's `timeout`). */
    public ProbeContext withAttemptTimeout(Duration timeout) {
        return new ProbeContext(port, cwd, env, timeout, launcher, control, executor);
    }
}
