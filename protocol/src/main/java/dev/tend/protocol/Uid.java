package dev.tend.protocol;

import com.sun.security.auth.module.UnixSystem;

/** The real uid of this process. */
public final class Uid {
    private static final long CURRENT = new UnixSystem().getUid();

    private Uid() {
    }

    public static long current() {
        return CURRENT;
    }
}
