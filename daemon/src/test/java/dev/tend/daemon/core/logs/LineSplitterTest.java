package dev.tend.daemon.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private static List<String> split(int limit, String... chunks) {
        LineBatch batch = new LineBatch(LogStream.OUT, true, 16);
        LineSplitter splitter = new LineSplitter(limit);
        for (String chunk : chunks) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            splitter.feed(bytes, 0, bytes.length, batch);
        }
        splitter.finish(batch);
        return batch.lines(Instant.EPOCH).stream().map(LogLine::text).collect(Collectors.toList());
    }

    @Test
    void lineSpanningReadsIsJoined() {
        assertEquals(List.of("hello world", "next"), split(100, "hel", "lo wo", "rld\nne", "xt\n"));
    }

    @Test
    void trailingCarriageReturnIsStrippedEvenWhenSplitFromItsNewline() {
        assertEquals(List.of("a", "b", "c\rd"), split(100, "a\r\nb\r", "\nc\rd\r\n"));
    }

    @Test
    void lastLineWithoutNewlineIsKept() {
        assertEquals(List.of("one", "two"), split(100, "one\ntwo"));
    }

    @Test
    void emptyLinesAreLines() {
        assertEquals(List.of("", "", "x"), split(100, "\n\nx\n"));
    }

    @Test
    void longLineIsCutAndCountsWhatWasDropped() {
        assertEquals(List.of("0123456789abcdef [tend: line cut, 4 bytes dropped]", "ok"),
                split(16, "0123456789", "abcdefXYZ", "W\nok\n"));
        assertEquals(List.of("0123456789abcdef [tend: line cut, 4 bytes dropped]"), split(16, "0123456789abcdefXYZW\n"));
    }

    @Test
    void lineExactlyAtTheLimitPlusCarriageReturnIsNotCut() {
        assertEquals(List.of("0123456789abcdef"), split(16, "0123456789abcdef\r\n"));
        assertEquals(List.of("0123456789abcdef"), split(16, "0123456789", "abcdef", "\r", "\n"));
    }

    @Test
    void cutNeverSplitsACharacter() {
        // "€" is 3 bytes: 15 ASCII bytes + € would end 2 bytes past a 16-byte limit.
        String text = "0123456789abcde€tail";
        assertEquals(List.of("0123456789abcde [tend: line cut, 7 bytes dropped]"), split(16, text + "\n"));
        assertEquals(List.of("0123456789abcde [tend: line cut, 7 bytes dropped]"), split(16, "0123456789abcde", "€tail"));
    }

    @Test
    void charBoundaryBacksOffOnlyInsideASequence() {
        byte[] euro = "ab€".getBytes(StandardCharsets.UTF_8); // 61 62 E2 82 AC
        assertEquals(5, LineSplitter.charBoundary(euro, 0, 5));
        assertEquals(2, LineSplitter.charBoundary(euro, 0, 4));
        assertEquals(2, LineSplitter.charBoundary(euro, 0, 3));
        assertEquals(2, LineSplitter.charBoundary(euro, 0, 2));
    }

    @Test
    void cutNeverSplitsATwoOrFourByteCharacterEither() {
        String fifteen = "0123456789abcde";
        // "é" is 2 bytes: ending one byte past the limit, it goes whole; ending at the limit, it stays whole
        assertEquals(List.of(fifteen + " [tend: line cut, 3 bytes dropped]"), split(16, fifteen + "éx\n"));
        assertEquals(List.of("0123456789abcdé"), split(16, "0123456789abcdé\n"));
        // "😀" is 4 bytes: it goes whole whether the limit falls after its first, second or third byte
        for (int ascii = 13; ascii <= 15; ascii++) {
            String before = fifteen.substring(0, ascii);
            assertEquals(List.of(before + " [tend: line cut, 5 bytes dropped]"), split(16, before + "😀x\n"), before);
            assertEquals(List.of(before + " [tend: line cut, 5 bytes dropped]"), split(16, before, "😀x"), before);
        }
        assertEquals(List.of("0123456789ab😀"), split(16, "0123456789ab😀\n"), "a character ending at the limit stays");
    }

    @Test
    void aSequenceCutShortIsDroppedWholeWhateverItsLeadByte() {
        for (int lead = 0xC0; lead <= 0xFF; lead++) {
            int sequence = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            byte[] bytes = new byte[1 + sequence];
            bytes[0] = 'a';
            bytes[1] = (byte) lead;
            for (int i = 2; i < bytes.length; i++) {
                bytes[i] = (byte) 0x80;
            }
            for (int len = 2; len < bytes.length; len++) {
                assertEquals(1, LineSplitter.charBoundary(bytes, 0, len), "lead " + Integer.toHexString(lead) + " cut at " + len);
            }
            assertEquals(bytes.length, LineSplitter.charBoundary(bytes, 0, bytes.length), "whole after " + Integer.toHexString(lead));
            assertEquals(0, LineSplitter.charBoundary(bytes, 1, 1), "a cut before the first whole character keeps nothing");
        }
    }

    @Test
    void bytesFedFromAnOffsetIntoABufferAreJoinedWithTheLineBefore() {
        LineBatch batch = new LineBatch(LogStream.OUT, true, 16);
        LineSplitter splitter = new LineSplitter(100);
        byte[] buffer = "xxxxhel".getBytes(StandardCharsets.UTF_8);
        splitter.feed(buffer, 4, 3, batch);
        buffer = "yyyyyylo\nnext\n".getBytes(StandardCharsets.UTF_8);
        splitter.feed(buffer, 6, buffer.length - 6, batch);
        assertEquals(List.of("hello", "next"), batch.lines(Instant.EPOCH).stream().map(LogLine::text).toList());
    }

    @Test
    void aLineThatEndsInABrokenCharacterWithinTheLimitIsNotCut() {
        LineBatch batch = new LineBatch(LogStream.OUT, true, 16);
        LineSplitter splitter = new LineSplitter(100);
        byte[] first = "abc".getBytes(StandardCharsets.UTF_8);
        splitter.feed(first, 0, first.length, batch);
        byte[] rest = {'d', (byte) 0xE2, '\n'}; // a child wrote a character's first byte only
        splitter.feed(rest, 0, rest.length, batch);
        String text = batch.lines(Instant.EPOCH).get(0).text();
        assertEquals("abcd\uFFFD", text, "kept (as the replacement character), and no cut marker");
    }
}
