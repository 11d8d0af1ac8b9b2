package dev.tend.daemon.rpc;

/** What the transport hands up: complete frames (one line each) from a peer. Called on I/O threads: never block. */
public interface FrameHandler {

    /** @param answered run (on any thread) once the frame's answer, if any, is queued for the peer */
    void onFrame(Peer peer, String frame, Runnable answered);

    /** A frame that could not be read as text: over the size limit, or not UTF-8. */
    void onUnreadableFrame(Peer peer, String why);
}
