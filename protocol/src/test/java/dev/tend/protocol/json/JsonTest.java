package dev.tend.protocol.json;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void parsesNestedObjectKeepingKeyOrder() {
        Object v = Json.parse(" {\"b\": [1, true, null, \"x\"], \"a\": {\"c\": false}} ");
        Map<String, Object> m = JsonObjects.object(v);
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals(Arrays.asList(1L, true, null, "x"), m.get("b"));
        assertEquals(Map.of("c", false), m.get("a"));
    }

    @Test
    void writeThenParseRoundTripsEveryValueKind() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "hé \"q\" \\ / \n\t\u0001\u2028");
        m.put("n", -42L);
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("dec", new BigDecimal("1.50"));
        m.put("t", true);
        m.put("nul", null);
        m.put("list", Arrays.asList(1L, "two", null, List.of()));
        m.put("obj", Map.of());
        assertEquals(m, Json.parse(Json.write(m)));
    }

    @Test
    void smallIntegersAreLongs() {
        assertEquals(0L, Json.parse("0"));
        assertEquals(-7L, Json.parse("-7"));
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
    }

    @Test
    void integersBeyondSixtyFourBitsAreBigIntegers() {
        assertEquals(new BigInteger("9223372036854775808"), Json.parse("9223372036854775808"));
        assertEquals(new BigInteger("-9223372036854775809"), Json.parse("-9223372036854775809"));
        assertEquals(new BigInteger("100000000000000000000000"), Json.parse("100000000000000000000000"));
    }

    @Test
    void fractionsAndExponentsAreBigDecimalsWithTheirExactText() {
        Object v = Json.parse("0.10");
        assertInstanceOf(BigDecimal.class, v);
        assertEquals("0.10", v.toString());
        assertEquals(new BigDecimal("1E+3"), Json.parse("1e3"));
        assertEquals(new BigDecimal("-2.5E-7"), Json.parse("-2.5E-7"));
        assertEquals("0.1000000000000000000000000001", Json.write(Json.parse("0.1000000000000000000000000001")));
    }

    @Test
    void malformedNumberIsAJsonException() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("1.2.3"));
        assertTrue(e.getMessage().contains("bad number '1.2.3'"), e.getMessage());
        assertThrows(JsonException.class, () -> Json.parse("-"));
    }

    @Test
    void decodesEveryEscape() {
        assertEquals("\" \\ / \b \f \n \r \t", Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
        assertEquals("é€\u0000", Json.parse("\"\\u00e9\\u20AC\\u0000\""));
        assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
    }

    @Test
    void badEscapesAreRejected() {
        assertTrue(assertThrows(JsonException.class, () -> Json.parse("\"\\x\"")).getMessage().contains("bad escape"));
        assertTrue(assertThrows(JsonException.class, () -> Json.parse("\"\\u12\"")).getMessage().contains("\\u"));
        assertTrue(assertThrows(JsonException.class, () -> Json.parse("\"\\u12zz\"")).getMessage().contains("\\u"));
    }

    @Test
    void unicodeEscapeTakesExactlyFourHexDigitsWithoutASign() {
        assertThrows(JsonException.class, () -> Json.parse("\"\\u-001\""));
        assertThrows(JsonException.class, () -> Json.parse("\"\\u+123\""));
        assertThrows(JsonException.class, () -> Json.parse("\"\\u\u0661\u0662\u0663\u0664\""), "Arabic-Indic digits");
    }

    @Test
    void rawControlCharacterInStringIsRejected() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("\"a\nb\""));
        assertTrue(e.getMessage().contains("control character"), e.getMessage());
        assertThrows(JsonException.class, () -> Json.parse("\"a\u0001\""));
    }

    @Test
    void unterminatedInputIsRejected() {
        assertThrows(JsonException.class, () -> Json.parse("\"abc"));
        assertThrows(JsonException.class, () -> Json.parse("{\"a\":1"));
        assertThrows(JsonException.class, () -> Json.parse("[1,"));
        assertThrows(JsonException.class, () -> Json.parse(""));
    }

    @Test
    void structuralErrorsAreRejected() {
        assertThrows(JsonException.class, () -> Json.parse("{a:1}"));
        assertThrows(JsonException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(JsonException.class, () -> Json.parse("[1 2]"));
        assertThrows(JsonException.class, () -> Json.parse("tru"));
        assertThrows(JsonException.class, () -> Json.parse("nul"));
    }

    @Test
    void trailingGarbageIsRejectedWithItsOffset() {
        JsonException e = assertThrows(JsonException.class, () -> Json.parse("{} x"));
        assertTrue(e.getMessage().contains("after the JSON value"), e.getMessage());
        assertTrue(e.getMessage().contains("offset 3"), e.getMessage());
        assertThrows(JsonException.class, () -> Json.parse("1 2"));
        assertThrows(JsonException.class, () -> Json.parse("truex"));
    }

    @Test
    void nestingAtTheDepthLimitIsAccepted() {
        String text = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertInstanceOf(List.class, Json.parse(text));
    }

    @Test
    void nestingBeyondTheDepthLimitIsAJsonExceptionNotAStackOverflow() {
        String arrays = "[".repeat(100_000);
        JsonException e = assertThrows(JsonException.class, () -> Json.parse(arrays));
        assertTrue(e.getMessage().contains("nested deeper than " + Json.MAX_DEPTH), e.getMessage());
        String objects = "{\"a\":".repeat(Json.MAX_DEPTH + 1) + "1" + "}".repeat(Json.MAX_DEPTH + 1);
        assertThrows(JsonException.class, () -> Json.parse(objects));
    }

    @Test
    void writeEscapesControlCharactersAndLineSeparators() {
        assertEquals("\"a\\u0001b\\u001fc\"", Json.write("a\u0001b\u001fc"));
        assertEquals("\"\\u2028\\u2029\"", Json.write("\u2028\u2029"));
        assertEquals("\"\\\"\\\\\\n\\r\\t\\b\\f\"", Json.write("\"\\\n\r\t\b\f"));
        assertEquals("\"é/\"", Json.write("é/"));
    }

    @Test
    void writtenTextIsOneLine() {
        String s = Json.write(Map.of("k", "line1\nline2\u2028line3"));
        assertTrue(s.indexOf('\n') < 0 && s.indexOf('\u2028') < 0, s);
    }

    @Test
    void writeMapsJavaValues() {
        assertEquals("null", Json.write(null));
        assertEquals("[1,2,\"x\"]", Json.write(new Object[] {1, 2L, "x"}));
        assertEquals("[null,null,1.5]", Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, 1.5)));
        assertEquals("{\"1\":true}", Json.write(Map.of(1, true)));
        assertEquals("\"PT1S\"", Json.write(java.time.Duration.ofSeconds(1)));
    }

    @Test
    void parseToleratesSurroundingWhitespace() {
        assertNull(Json.parse(" \t\r\n null \n"));
    }
}
