package dev.tend.daemon.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerCheckTest {

    @Test
    void sameUidIsAllowed() {
        assertTrue(PeerCheck.allowed(1000, 1000));
        assertTrue(PeerCheck.allowed(0, 0));
    }

    @Test
    void otherUidIsRefused() {
        assertFalse(PeerCheck.allowed(1001, 1000));
        assertFalse(PeerCheck.allowed(0, 1000), "not even root is let in");
        assertFalse(PeerCheck.allowed(1000, 0));
    }

    @Test
    void unknownPeerUidIsAllowedBecauseThePrivateDirectoryGuards() {
        assertTrue(PeerCheck.allowed(null, 1000));
    }
}
