package dev.tend.daemon.rpc;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.io.IOException;

/**
 * Reads one frame into a tree, except that a numeric "id" of a request object is kept as its exact
 * source text (a {@link RawValue}): the spec wants the id echoed unchanged, and as a number node
 * 1.50 would come back as 1.5, 1e3 as 1000.0 and 123456789012345678901234567890 as a double.
 */
final class RequestReader {

    private final ObjectMapper mapper;
    /** Reads one value out of the middle of the frame, so what follows it is not "trailing". */
    private final ObjectReader valueReader;

    RequestReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.valueReader = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The frame's one JSON value; throws on anything that is not exactly one valid JSON text. */
    JsonNode read(String frame) throws IOException {
        try (JsonParser parser = mapper.createParser(frame)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonParseException(parser, "empty frame: no JSON value");
            }
            JsonNode root = first == JsonToken.START_ARRAY ? readBatch(parser) : readElement(parser);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one JSON value in the frame");
            }
            return root;
        }
    }

    private JsonNode readBatch(JsonParser parser) throws IOException {
        ArrayNode batch = mapper.createArrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            batch.add(readElement(parser));
        }
        return batch;
    }

    private JsonNode readElement(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            return valueReader.readTree(parser);
        }
        ObjectNode request = mapper.createObjectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("id") && value.isNumeric()) {
                request.set(name, new POJONode(new RawValue(parser.getText())));
            } else {
                request.set(name, valueReader.readTree(parser));
            }
        }
        return request;
    }

    /** Whether {@code id} is a number this reader kept as source text. */
    static boolean isNumber(JsonNode id) {
        return id instanceof POJONode pojo && pojo.getPojo() instanceof RawValue;
    }
}
