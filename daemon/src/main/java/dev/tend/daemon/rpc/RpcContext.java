package dev.tend.daemon.rpc;

/**
 * The per-call context (e.g. the connection that sent the request) passed to
 * {@link JsonRpcEndpoint#handle(String, Object)}, readable by a handler while it runs on that thread.
 */
public final class RpcContext {

    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();
    private static final ThreadLocal<java.util.List<Runnable>> AFTER_RESPONSE = new ThreadLocal<>();

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

    /**
     * Runs the action once the response to the current frame has been handed to the peer (e.g. to let a new
     * subscription's events flow only after its subscribe answer); at once when nothing collects such actions.
     */
    public static void afterResponse(Runnable action) {
        java.util.List<Runnable> list = AFTER_RESPONSE.get();
        if (list == null) {
            action.run();
        } else {
            list.add(action);
        }
    }

    /** Starts collecting {@link #afterResponse} actions on this thread. */
    static void collectAfterResponse() {
        AFTER_RESPONSE.set(new java.util.ArrayList<>());
    }

    /** Stops collecting and returns what was collected. */
    static java.util.List<Runnable> collectedAfterResponse() {
        java.util.List<Runnable> list = AFTER_RESPONSE.get();
        AFTER_RESPONSE.remove();
        return list == null ? java.util.List.of() : list;
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
