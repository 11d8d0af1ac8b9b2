package dev.tend.daemon.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The strict mapper, read the way the endpoint binds a parameter. */
class RpcMapperTest {

    enum Color { RED, GREEN }

    record Point(int x, Integer y) {
    }

    private final ObjectMapper mapper = RpcMapper.create();

    private Object bind(String json, JavaType type) throws IOException {
        return mapper.readerFor(type).readValue(json);
    }

    private Object bind(String json, Class<?> type) throws IOException {
        return bind(json, mapper.constructType(type));
    }

    private void assertRejected(String json, Class<?> type) {
        assertThrows(IOException.class, () -> bind(json, type), json + " must not bind to " + type.getSimpleName());
    }

    @Test
    void scalarsAreNotCoerced() {
        assertRejected("\"5\"", int.class);
        assertRejected("\"5\"", Integer.class);
        assertRejected("1.5", int.class);
        assertRejected("1.0", long.class);
        assertRejected("true", int.class);
        assertRejected("null", int.class);
        assertRejected("\"\"", Integer.class);
        assertRejected("5", String.class);
        assertRejected("true", String.class);
        assertRejected("1", boolean.class);
        assertRejected("\"true\"", boolean.class);
        assertRejected("\"1.5\"", double.class);
        assertRejected("0", Color.class);
        assertRejected("\"BLUE\"", Color.class);
    }

    @Test
    void wellTypedScalarsBind() throws IOException {
        assertEquals(5, bind("5", int.class));
        assertEquals(1.5, bind("1.5", double.class));
        assertEquals(2.0, bind("2", double.class));
        assertEquals("5", bind("\"5\"", String.class));
        assertEquals(Color.GREEN, bind("\"GREEN\"", Color.class));
        assertEquals(new BigDecimal("1.50"), bind("1.50", BigDecimal.class));
    }

    @Test
    void singleValuesAreNotArrays() {
        assertRejected("5", List.class);
        assertRejected("5", int[].class);
        assertRejected("5", long[].class);
        assertRejected("\"a\"", String[].class);
        assertThrows(IOException.class, () -> bind("5", mapper.getTypeFactory().constructType(new TypeReference<List<Integer>>() {
        })));
    }

    @Test
    void nullElementsAndValuesInContainersAreRejected() {
        assertThrows(IOException.class, () -> bind("[1, null]", mapper.getTypeFactory().constructType(new TypeReference<List<Integer>>() {
        })));
        assertThrows(IOException.class, () -> bind("{\"a\": null}", mapper.getTypeFactory().constructType(new TypeReference<Map<String, String>>() {
        })));
    }

    @Test
    void recordsRejectUnknownAndMistypedFieldsButAllowNullInBoxedFields() throws IOException {
        assertEquals(new Point(1, null), bind("{\"x\": 1, \"y\": null}", Point.class));
        assertRejected("{\"x\": 1, \"z\": 2}", Point.class);
        assertRejected("{\"x\": \"1\"}", Point.class);
        assertRejected("{\"x\": null}", Point.class);
    }

    @Test
    void duplicateKeysAndDeepNestingAreRejected() {
        assertThrows(IOException.class, () -> mapper.readTree("{\"a\": 1, \"a\": 2}"));
        assertThrows(IOException.class, () -> mapper.readTree("[".repeat(RpcMapper.MAX_NESTING_DEPTH + 1)
                + "]".repeat(RpcMapper.MAX_NESTING_DEPTH + 1)));
    }
}
