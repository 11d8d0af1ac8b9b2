package dev.tend.daemon.core.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real {@link KillPrimitives}: the shell's kill (portable signal names) and {@link ProcessHandle}. */
final class ShellKill implements KillPrimitives {

    private static final Logger LOG = LoggerFactory.getLogger(ShellKill.class);
    private static final long SIGNAL_TIMEOUT_SECONDS = 10;

    /** kill -s NAME -- TARGET...; errors such as "No such process" mean a target is gone, which is fine. */
    @Override
    public void kill(Signal signal, List<String> targets) {
        // The name, not the number, since numbers differ between Linux and macOS.
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "s=$1; shift; kill -s \"$s\" -- \"$@\"",
                "tend-signal", signal.name()));
        argv.addAll(targets);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true);
        pb.environment().clear();
        try {
            Process kill = pb.start();
            String output;
            try (InputStream in = kill.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!kill.waitFor(SIGNAL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                LOG.warn("kill -s {} -- {} did not finish", signal.name(), targets);
            } else if (kill.exitValue() != 0) {
                LOG.debug("kill -s {} -- {}: {}", signal.name(), targets, output);
            }
        } catch (IOException e) {
            LOG.warn("cannot send {} to {}: {}", signal.fullName(), targets, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroyForcibly(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
