package dev.tend.daemon.rpc;

import dev.tend.daemon.core.process.CommandSize;
import dev.tend.protocol.ErrorCode;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks of the free-text params that end up in a path, a command line or a process environment: refused here,
 * as invalid params, instead of failing later inside a launch (a half-made service) or as an internal error.
 */
final class Inputs {
    private Inputs() {
    }

    /** The path a param names; a string no file system path can be (a NUL in it) is invalid. */
    static Path path(String param, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(param + ": '" + printable(value) + "' is not a valid path (" + e.getReason() + ")");
        }
    }

    /**
     * The caller's working directory (`dir`, `cwd`): an absolute path. A relative one would be read against the
     * daemon's own working directory, which means nothing to the caller, so it is refused rather than guessed.
     */
    static Path absolute(String param, String value) {
        Path p = path(param, value);
        if (!p.isAbsolute()) {
            throw invalid(param + ": '" + printable(value) + "' is not an absolute path (give the caller's working "
                    + "directory as an absolute path)");
        }
        return p;
    }

    /** A command line: not blank, and one a program can be given (no NUL, not too long: {@link CommandSize}). */
    static String command(String command) {
        if (command == null || command.isBlank()) {
            throw invalid("no command given");
        }
        String problem = CommandSize.tooLong(command);
        if (problem != null) {
            throw invalid(problem);
        }
        return command;
    }

    /**
     * Environment variables: a name is not empty and holds no '=' or NUL, a value holds no NUL (what execve can
     * pass); anything else goes, as in a shell's own environment (e.g. BASH_FUNC_f%%).
     */
    static Map<String, String> env(String param, Map<String, String> env) {
        if (env == null) {
            return Map.of();
        }
        env.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw invalid(param + ": '" + printable(name) + "' is not a variable name (empty, or has '=' or NUL)");
            }
            String problem = CommandSize.variableProblem(name, value); // a NUL in the value, or too long
            if (problem != null) {
                throw invalid(param + ": " + problem);
            }
        });
        return env;
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }

    private static RpcException invalid(String message) {
        return new RpcException(ErrorCode.INVALID_PARAMS, message);
    }
}
