package dev.tend.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * The server's stdin as the SDK reads it, a line at a time: tells when it ends (the agent closed it: time to exit),
 * leaves out blank lines, and passes on only messages the SDK's stdio transport can take ({@link MessageCheck}). The
 * transport stops reading at the first line it cannot, which left a server that answered nothing more and never
 * exited; each such line is answered here instead (-32700, -32600), on the protocol's output under the lock the
 * transport writes under, so the two never interleave.
 */
final class StdinWatch extends InputStream {
    /** Far beyond any request an agent sends; a longer line is refused unread past this. */
    static final int MAX_LINE_BYTES = 16 << 20;

    private final InputStream in;
    private final OutputStream answers;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final byte[] chunk = new byte[8192];
    private int chunkPos;
    private int chunkLen;
    private boolean inputEnded;
    /** The line being served to the SDK, and how much of it was. */
    private byte[] line = new byte[0];
    private int served;
    private volatile Runnable onInitialized;

    /** @param answers where refusals go: the protocol's output, which the SDK's transport writes under its own lock */
    StdinWatch(InputStream in, OutputStream answers) {
        this.in = in;
        this.answers = answers;
    }

    void awaitEnd() throws InterruptedException {
        ended.await();
    }

    /** Runs once the client's notifications/initialized has been read (on the reading thread: hand work elsewhere). */
    void onInitialized(Runnable action) {
        onInitialized = action;
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
        while (served >= line.length) {
            byte[] next;
            try {
                next = nextMessage();
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
            if (next == null) {
                ended.countDown();
                return -1;
            }
            line = next;
            served = 0;
        }
        int n = Math.min(len, line.length - served);
        System.arraycopy(line, served, b, off, n);
        served += n;
        return n;
    }

    /** The next line the SDK may read (with its '\n'), answering and leaving out those it may not; null at the end. */
    private byte[] nextMessage() throws IOException {
        while (true) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            boolean tooLong = false;
            int b;
            while ((b = nextByte()) >= 0 && b != '\n') {
                if (text.size() < MAX_LINE_BYTES) {
                    text.write(b);
                } else {
                    tooLong = true;
                }
            }
            if (b < 0 && text.size() == 0) {
                return null;
            }
            byte[] bytes = text.toByteArray();
            if (tooLong) {
                answer("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: a "
                        + "message over " + (MAX_LINE_BYTES >> 20) + " MiB\"}}");
                continue;
            }
            if (blank(bytes)) {
                continue;
            }
            MessageCheck.Verdict verdict = MessageCheck.of(bytes);
            if (!verdict.passes()) {
                answer(verdict.refusal());
                continue;
            }
            if ("notifications/initialized".equals(verdict.message().path("method").asText(null))) {
                Runnable action = onInitialized;
                onInitialized = null;
                if (action != null) {
                    action.run();
                }
            }
            byte[] withEnd = Arrays.copyOf(bytes, bytes.length + 1);
            withEnd[bytes.length] = '\n';
            return withEnd;
        }
    }

    private int nextByte() throws IOException {
        if (chunkPos >= chunkLen) {
            if (inputEnded) {
                return -1;
            }
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                inputEnded = true;
                return -1;
            }
            chunkPos = 0;
            chunkLen = n;
        }
        return chunk[chunkPos++] & 0xff;
    }

    private static boolean blank(byte[] bytes) {
        for (byte c : bytes) {
            if (c != '\r' && c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private void answer(String json) throws IOException {
        byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (answers) { // the transport's lock: a line of its own never splits one of ours
            answers.write(bytes);
            answers.flush();
        }
    }

    @Override
    public int available() {
        return line.length - served;
    }
}
