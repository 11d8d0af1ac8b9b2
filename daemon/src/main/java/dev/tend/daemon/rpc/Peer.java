package dev.tend.daemon.rpc;

/** One connected client, as the RPC layer sees it: no transport types leak through. */
public interface Peer {

    /** A short name for logs, e.g. "peer-12 (pid 4711)". */
    String name();

    /** Queues one line (a JSON text, no newline) for the peer; never blocks. */
    void send(String line);

    /** Queues one line like {@link #send} but leaves it in the outbound buffer until {@link #flush()}. */
    default void write(String line) {
        send(line);
    }

    /** Sends what {@link #write} left in the outbound buffer. */
    default void flush() {
    }

    /** Runs the action once the connection is closed (at once if it already is). */
    void onClose(Runnable action);

    boolean isOpen();

    /** Closes the connection; what is queued for it is dropped. */
    void close();

    /** Whether the connection takes more now without its outbound buffer passing its high-water mark. */
    default boolean isWritable() {
        return true;
    }

    /** Runs the action each time the connection becomes writable again after it was not. */
    default void onWritable(Runnable action) {
    }
}
