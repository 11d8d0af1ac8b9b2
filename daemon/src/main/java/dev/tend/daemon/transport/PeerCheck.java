package dev.tend.daemon.transport;

/** Who may talk to the daemon: only its own user. */
final class PeerCheck {
    private PeerCheck() {
    }

    /**
     * @param peerUid the connecting process's uid from SO_PEERCRED / getpeereid, or null where the transport
     *                cannot tell (NIO fallback), in which case the 0700 runtime directory is the guard
     */
    static boolean allowed(Integer peerUid, long ownUid) {
        return peerUid == null || peerUid.longValue() == ownUid;
    }
}
