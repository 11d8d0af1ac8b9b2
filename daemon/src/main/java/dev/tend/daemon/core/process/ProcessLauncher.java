package dev.tend.daemon.core.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Starts `/bin/sh -c command` as the leader of a new session, stdin from /dev/null, stdout and stderr piped. */
public interface ProcessLauncher {

    /**
     * @param env the complete environment of the child (nothing is inherited implicitly)
     */
    ChildProcess launch(String command, Path cwd, Map<String, String> env) throws IOException;
}
