package dev.tend.daemon.core.process;

import java.nio.charset.StandardCharsets;

/**
 * The longest command tend can start. A command reaches the kernel as one argument (after {@code /bin/sh -c}, with
 * "exec " perhaps before it: {@link ExecForm}), and Linux passes no argument over 128 KiB with its NUL
 * (MAX_ARG_STRLEN): a longer one fails each start with "Argument list too long". So it is refused where it is
 * given (the project file, `tend run`, `tend job add`), once, with the way out.
 */
public final class CommandSize {
    /** 128 KiB less the NUL and "exec ". */
    public static final int MAX_BYTES = 128 * 1024 - 1 - "exec ".length();

    /** One variable ("NAME=value") is one string of the environment the kernel passes: the same 128 KiB with its NUL. */
    public static final int MAX_VARIABLE_BYTES = 128 * 1024 - 1;

    private CommandSize() {
    }

    /** Why the command can never start, or null when it can: a NUL (no exec can pass one), or its size. */
    public static String tooLong(String command) {
        if (command.indexOf('\0') >= 0) {
            return "the command contains a NUL character, which no program can be given";
        }
        if (command.length() <= MAX_BYTES / 3) {
            return null; // no string this short is over the limit in UTF-8 (three bytes a char at the most)
        }
        int bytes = command.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_BYTES ? null : String.format("the command is %,d bytes, over the %,d the kernel passes to "
                + "a program in one argument; put it in a script and run that", bytes, MAX_BYTES);
    }

    /** Why no program could be started with this variable, or null: a NUL in its value, or NAME=value too long. */
    public static String variableProblem(String name, String value) {
        if (value.indexOf('\0') >= 0) {
            return "the value of " + name + " contains a NUL character, which no program can be given";
        }
        if (name.length() + 1 + value.length() <= MAX_VARIABLE_BYTES / 3) {
            return null;
        }
        int bytes = (name + "=" + value).getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_VARIABLE_BYTES ? null : String.format("%s=... is %,d bytes, over the %,d the kernel passes "
                + "to a program in one variable; put the value in a file and give its path", name, bytes,
                MAX_VARIABLE_BYTES);
    }
}
