package dev.tend.daemon.core.process;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The mark of one launch: {@code TEND_RUN=<token>} in the child's environment, inherited by everything it
 * starts, so that its processes can be found even after they left its session and lost their parent.
 */
public final class RunToken {

    /** The environment variable that carries the token. */
    public static final String VARIABLE = "TEND_RUN";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private RunToken() {
    }

    /** 128 random bits as 32 lowercase hex digits: never the token of another run. */
    public static String random() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    /** @throws IllegalArgumentException unless the token is one {@link #random()} could have made */
    public static String require(String token) {
        if (token == null || !FORMAT.matcher(token).matches()) {
            throw new IllegalArgumentException("run token must be 32 lowercase hex digits, got '" + token + "'");
        }
        return token;
    }
}
