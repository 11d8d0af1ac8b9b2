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

    private CommandSize() {
    }

    /** Why the command can never start, or null when its size is no reason. */
    public static String tooLong(String command) {
        if (command.length() <= MAX_BYTES / 3) {
            return null; // no string this short is over the limit in UTF-8 (three bytes a char at the most)
        }
        int bytes = command.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= MAX_BYTES ? null : String.format("the command is %,d bytes, over the %,d the kernel passes to "
                + "a program in one argument; put it in a script and run that", bytes, MAX_BYTES);
    }
}
