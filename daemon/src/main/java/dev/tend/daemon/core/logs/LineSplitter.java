package dev.tend.daemon.core.logs;

import java.util.Arrays;

/**
 * Cuts a byte stream into lines at '\n' and adds them to a {@link LineBatch}: strips one trailing '\r', cuts lines
 * longer than the limit at a UTF-8 character boundary, and carries a line that spans reads over to the next
 * {@link #feed}. Memory stays bounded by the line limit, however long a line is. Owned by one thread.
 */
final class LineSplitter {

    private final int maxLineBytes;
    /** The beginning (at most maxLineBytes) of a line whose '\n' has not been read yet. */
    private byte[] partial = new byte[256];
    private int partialLength;
    private boolean partialAscii = true;
    /** Bytes of the pending line beyond the limit, counted and discarded. */
    private long dropped;
    private byte lastByte;

    LineSplitter(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    void feed(byte[] chunk, int off, int len, LineBatch batch) {
        int end = off + len;
        int i = off;
        while (i < end) {
            int start = i;
            boolean ascii = true;
            byte b;
            while (i < end && (b = chunk[i]) != '\n') {
                if (b <= 0) {
                    ascii = false;
                }
                i++;
            }
            if (i == end) {
                keep(chunk, start, end - start, ascii);
                return;
            }
            if (partialLength == 0 && dropped == 0) {
                addWhole(chunk, start, i - start, ascii, batch);
            } else {
                keep(chunk, start, i - start, ascii);
                addPending(batch);
            }
            i++;
        }
    }

    /** At end of input: a last line without '\n' is still a line. */
    void finish(LineBatch batch) {
        if (partialLength > 0 || dropped > 0) {
            addPending(batch);
        }
    }

    private void addWhole(byte[] src, int off, int len, boolean ascii, LineBatch batch) {
        if (len > 0 && src[off + len - 1] == '\r') {
            len--;
        }
        if (len <= maxLineBytes) {
            batch.add(src, off, len, ascii, 0);
        } else {
            int kept = charBoundary(src, off, maxLineBytes);
            batch.add(src, off, kept, ascii, len - kept);
        }
    }

    private void keep(byte[] src, int off, int len, boolean ascii) {
        if (len == 0) {
            return;
        }
        lastByte = src[off + len - 1];
        int taken = Math.min(len, maxLineBytes - partialLength);
        if (taken > 0) {
            if (partialLength + taken > partial.length) {
                partial = Arrays.copyOf(partial, Math.min(maxLineBytes, Math.max(partial.length * 2, partialLength + taken)));
            }
            System.arraycopy(src, off, partial, partialLength, taken);
            partialLength += taken;
        }
        partialAscii &= ascii;
        dropped += len - taken;
    }

    private void addPending(LineBatch batch) {
        if (lastByte == '\r') {
            if (dropped > 0) {
                dropped--;
            } else {
                partialLength--;
            }
        }
        int kept = partialLength;
        if (dropped > 0) {
            kept = charBoundary(partial, 0, partialLength);
            dropped += partialLength - kept;
        }
        batch.add(partial, 0, kept, partialAscii, dropped);
        partialLength = 0;
        partialAscii = true;
        dropped = 0;
        lastByte = 0;
        if (partial.length > 8 * 1024) {
            partial = new byte[256]; // a one-off huge line should not pin its buffer for the service's life
        }
    }

    /** The largest length up to len that does not end inside a multi-byte UTF-8 sequence. */
    static int charBoundary(byte[] b, int off, int len) {
        for (int back = 1; back <= 4 && back <= len; back++) {
            int c = b[off + len - back] & 0xFF;
            if ((c & 0xC0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int sequence = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return sequence > back ? len - back : len;
        }
        return len;
    }
}
