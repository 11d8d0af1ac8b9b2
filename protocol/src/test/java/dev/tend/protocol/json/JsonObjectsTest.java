package dev.tend.protocol.json;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonObjectsTest {
    private final Map<String, Object> m = JsonObjects.object(Json.parse(
            "{\"s\":\"text\",\"n\":42,\"d\":12.5,\"t\":true,\"f\":false,\"nul\":null,\"o\":{},\"a\":[1]}"));

    @Test
    void stringReturnsTextOrNullForAbsentAndNull() {
        assertEquals("text", JsonObjects.string(m, "s"));
        assertEquals("42", JsonObjects.string(m, "n"));
        assertNull(JsonObjects.string(m, "nul"));
        assertNull(JsonObjects.string(m, "missing"));
    }

    @Test
    void numberFallsBackWhenAbsentOrNotANumber() {
        assertEquals(42, JsonObjects.number(m, "n", -1));
        assertEquals(12, JsonObjects.number(m, "d", -1));
        assertEquals(-1, JsonObjects.number(m, "s", -1));
        assertEquals(-1, JsonObjects.number(m, "missing", -1));
    }

    @Test
    void numberOrNullIsNullUnlessANumber() {
        assertEquals(42L, JsonObjects.numberOrNull(m, "n"));
        assertNull(JsonObjects.numberOrNull(m, "s"));
        assertNull(JsonObjects.numberOrNull(m, "nul"));
    }

    @Test
    void decimalReadsFractionsAndDefaultsToZero() {
        assertEquals(12.5, JsonObjects.decimal(m, "d"));
        assertEquals(42.0, JsonObjects.decimal(m, "n"));
        assertEquals(0.0, JsonObjects.decimal(m, "missing"));
        assertEquals(0.25, JsonObjects.decimal(Map.of("x", new BigDecimal("0.25")), "x"));
    }

    @Test
    void boolIsTrueOnlyForTrue() {
        assertTrue(JsonObjects.bool(m, "t"));
        assertFalse(JsonObjects.bool(m, "f"));
        assertFalse(JsonObjects.bool(m, "s"));
        assertFalse(JsonObjects.bool(m, "missing"));
    }

    @Test
    void objectAndArrayPassThroughTheirKind() {
        assertSame(m.get("o"), JsonObjects.object(m.get("o")));
        assertEquals(List.of(1L), JsonObjects.array(m.get("a")));
    }

    @Test
    void objectOfOtherKindSaysWhatItGot() {
        assertEquals("expected a JSON object, got null",
                assertThrows(JsonException.class, () -> JsonObjects.object(null)).getMessage());
        assertEquals("expected a JSON object, got ArrayList",
                assertThrows(JsonException.class, () -> JsonObjects.object(m.get("a"))).getMessage());
    }

    @Test
    void arrayOfOtherKindIsRefused() {
        assertThrows(JsonException.class, () -> JsonObjects.array(m.get("o")));
        assertThrows(JsonException.class, () -> JsonObjects.array(null));
    }
}
