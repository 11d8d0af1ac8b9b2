package dev.tend.mcp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The server's stdin as the SDK reads it: tells when it ends (the agent closed it: time to exit), and leaves out
 * blank lines, which the SDK's stdio transport takes for malformed messages and stops reading at, which would
 * leave a server that answers nothing and never exits.
 */
final class StdinWatch extends FilterInputStream {
    private static final byte[] INITIALIZED = "\"notifications/initialized\"".getBytes(StandardCharsets.US_ASCII);

    private final CountDownLatch ended = new CountDownLatch(1);
    private boolean atLineStart = true;
    /** The last bytes read, as many as {@link #INITIALIZED} has, to see that method name go by. */
    private final byte[] recent = new byte[INITIALIZED.length];
    private int seen;
    private volatile Runnable onInitialized;

    StdinWatch(InputStream in) {
        super(in);
    }

    void awaitEnd() throws InterruptedException {
        ended.await();
    }

    /**
     * Runs once the client's notifications/initialized has been read (called on the reading thread: hand work
     * elsewhere). A method name is told by its quoted form, which a JSON string value could only contain escaped.
     */
    void onInitialized(Runnable action) {
        onInitialized = action;
    }

    private void saw(byte c) {
        if (onInitialized == null) {
            return;
        }
        System.arraycopy(recent, 1, recent, 0, recent.length - 1);
        recent[recent.length - 1] = c;
        seen++;
        if (c == '"' && seen >= recent.length && java.util.Arrays.equals(recent, INITIALIZED)) {
            Runnable action = onInitialized;
            onInitialized = null;
            action.run();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
            if (n < 0) {
                ended.countDown();
                return n;
            }
            int kept = 0;
            for (int i = off; i < off + n; i++) {
                byte c = b[i];
                if (atLineStart && (c == '\n' || c == '\r')) {
                    continue; // a blank line
                }
                atLineStart = c == '\n';
                b[off + kept++] = c;
                saw(c);
            }
            if (kept > 0) {
                return kept;
            }
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
