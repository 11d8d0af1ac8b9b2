package dev.tend.daemon.rpc;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The daemon's strict {@link ObjectMapper}: a value of the wrong JSON type is an error, never silently
 * converted ("5" is not an int, 1.5 is not an int, null is not an int, 1 is not a string or a boolean,
 * a single value is not a list), unknown properties are errors, duplicate keys are errors, and nesting
 * deeper than {@link #MAX_NESTING_DEPTH} is an error instead of a StackOverflowError.
 */
public final class RpcMapper {

    public static final int MAX_NESTING_DEPTH = 256;

    private RpcMapper() {
    }

    public static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonFormat.Value noSingleValueAsArray =
                JsonFormat.Value.empty().withoutFeature(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        JsonMapper.Builder builder = JsonMapper.builder(factory)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .withCoercionConfigDefaults(config -> config
                        .setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                // [1, null] is not a list of numbers, and {"k": null} not a map of strings.
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                // jsonrpc4j reads every parameter with ACCEPT_SINGLE_VALUE_AS_ARRAY switched on; a per-type
                // format override wins over that reader-level feature, so 5 stays "not a list".
                .withConfigOverride(Collection.class, o -> o.setFormat(noSingleValueAsArray))
                .withConfigOverride(Map.class, o -> o.setFormat(noSingleValueAsArray));
        // Array deserializers look the override up by their own class, so arrays of other element types
        // (Foo[]) still take a single value: use List<Foo> in handlers. byte[] stays out (it reads base64).
        for (Class<?> array : List.of(Object[].class, String[].class, int[].class, long[].class, short[].class,
                double[].class, float[].class, boolean[].class, char[].class)) {
            builder.withConfigOverride(array, o -> o.setFormat(noSingleValueAsArray));
        }
        return builder.build();
    }
}
