package dev.tend.daemon.rpc;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Describes JSON types and parameter binding failures in the caller's terms ("expected an integer"),
 * never in Java class names, which are nobody's business outside the daemon.
 */
final class JsonKinds {

    private JsonKinds() {
    }

    static String of(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL, MISSING -> "null";
            case BOOLEAN -> "a boolean";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a fraction";
            case STRING, BINARY -> "a string";
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
        };
    }

    static String of(Class<?> type) {
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean";
        }
        if (type == String.class || type == char.class || type == Character.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> "\"" + ((Enum<?>) c).name() + "\"")
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Object.class) {
            return "a value";
        }
        return "an object";
    }

    /** What was wrong with a parameter, from the exception binding it raised. */
    static String bindingFailure(Throwable failure) {
        String at = failure instanceof JsonMappingException m ? path(m) : "";
        String in = at.isEmpty() ? "" : " at '" + at + "'";
        if (failure instanceof UnrecognizedPropertyException) {
            return "unknown field '" + at + "'";
        }
        if (failure instanceof InvalidNullException) {
            return "null is not allowed" + in;
        }
        if (failure instanceof ValueInstantiationException v && v.getCause() != null
                && v.getCause().getMessage() != null) {
            return "invalid value" + in + ": " + v.getCause().getMessage();
        }
        if (failure instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + of(m.getTargetType()) + in;
        }
        if (failure instanceof InputCoercionException || failure.getCause() instanceof InputCoercionException) {
            return "number out of range" + in;
        }
        return "wrong type or value" + in;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
