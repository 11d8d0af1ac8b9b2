package dev.tend.daemon.rpc;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A caller is told JSON kinds ("expected a boolean"), never Java class names, and where in its value it went wrong. */
class JsonKindsTest {

    private static final ObjectMapper MAPPER = RpcMapper.create();

    enum Overlap { SKIP, QUEUE }

    record Person(String name, int age, List<Integer> scores, Overlap overlap) {
    }

    @Test
    void eachJavaTypeIsNamedAsTheJsonKindItTakes() {
        assertEquals("an integer", JsonKinds.of(int.class));
        assertEquals("an integer", JsonKinds.of(Long.class));
        assertEquals("an integer", JsonKinds.of(BigInteger.class));
        assertEquals("a number", JsonKinds.of(double.class));
        assertEquals("a number", JsonKinds.of(BigDecimal.class));
        assertEquals("a boolean", JsonKinds.of(boolean.class));
        assertEquals("a boolean", JsonKinds.of(Boolean.class));
        assertEquals("a string", JsonKinds.of(String.class));
        assertEquals("a string", JsonKinds.of(char.class));
        assertEquals("a string", JsonKinds.of(StringBuilder.class));
        assertEquals("one of \"SKIP\", \"QUEUE\"", JsonKinds.of(Overlap.class));
        assertEquals("an array", JsonKinds.of(int[].class));
        assertEquals("an array", JsonKinds.of(List.class));
        assertEquals("an array", JsonKinds.of(Set.class));
        assertEquals("a value", JsonKinds.of(Object.class));
        assertEquals("an object", JsonKinds.of(Map.class));
        assertEquals("an object", JsonKinds.of(Person.class));
    }

    @Test
    void eachJsonValueIsNamedByItsKind() throws Exception {
        assertEquals("null", JsonKinds.of(MAPPER.readTree("null")));
        assertEquals("null", JsonKinds.of(MAPPER.missingNode()));
        assertEquals("a boolean", JsonKinds.of(MAPPER.readTree("false")));
        assertEquals("an integer", JsonKinds.of(MAPPER.readTree("7")));
        assertEquals("a fraction", JsonKinds.of(MAPPER.readTree("7.5")));
        assertEquals("a string", JsonKinds.of(MAPPER.readTree("\"7\"")));
        assertEquals("an array", JsonKinds.of(MAPPER.readTree("[7]")));
        assertEquals("an object", JsonKinds.of(MAPPER.readTree("{}")));
    }

    @Test
    void anUnknownFieldIsNamedByItsPath() {
        assertEquals("unknown field 'nickname'", failure("{\"name\":\"ada\",\"age\":3,\"nickname\":\"a\"}"));
    }

    @Test
    void aWrongKindSaysWhatWasExpectedAndWhere() {
        assertEquals("expected a string at 'name'", failure("{\"name\":5}"));
        assertEquals("expected an integer at 'age'", failure("{\"age\":\"5\"}"));
        assertEquals("expected an integer at 'scores[0]'", failure("{\"scores\":[\"1\"]}"));
        assertEquals("expected an integer at 'scores[1]'", failure("{\"scores\":[1,\"2\"]}"));
    }

    @Test
    void aValueOutsideItsTypesRangeSaysSo() {
        assertEquals("number out of range at 'age'", failure("{\"age\":3000000000}"));
    }

    @Test
    void nullWhereNoneIsAllowedSaysSo() {
        assertEquals("null is not allowed at 'scores[1]'", failure("{\"age\":3,\"scores\":[1,null]}"));
    }

    @Test
    void anEnumsValuesAreNamedAndAFailureOfNoKnownKindIsStillWords() {
        assertEquals("expected one of \"SKIP\", \"QUEUE\" at 'overlap'", failure("{\"age\":3,\"overlap\":\"sometimes\"}"));
        assertEquals("wrong type or value", JsonKinds.bindingFailure(new IllegalStateException("boom")));
    }

    private static String failure(String json) {
        Exception e = assertThrows(Exception.class, () -> MAPPER.readValue(json, new TypeReference<Person>() { }));
        return JsonKinds.bindingFailure(e);
    }
}
