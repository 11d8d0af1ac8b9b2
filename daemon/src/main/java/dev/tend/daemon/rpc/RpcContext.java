package dev.tend.daemon.rpc;

/**
 * The per-call context (e.g. the connection that sent the request) passed to
 * {@link JsonRpcEndpoint#handle(String, Object)}, readable by a handler while it runs on that thread.
 */
public final class RpcContext {

    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

    private RpcContext() {
    }

    /** The context of the call this thread is handling, or null outside a call or when none was given. */
    public static Object current() {
        return CURRENT.get();
    }

    /** The context of the current call as a {@code type}; fails when there is none or it is something else. */
    public static <T> T current(Class<T> type) {
        Object context = CURRENT.get();
        if (!type.isInstance(context)) {
            throw new IllegalStateException("no RPC context of type " + type.getSimpleName() + " on this thread"
                    + (context == null ? "" : " (it is a " + context.getClass().getSimpleName() + ")"));
        }
        return type.cast(context);
    }

    /** Sets the context and returns the one it replaces, for {@link #restore} (calls may nest). */
    static Object enter(Object context) {
        Object previous = CURRENT.get();
        CURRENT.set(context);
        return previous;
    }

    static void restore(Object previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
