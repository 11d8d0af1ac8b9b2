package dev.tend.daemon.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Environment maps are stored as JSON objects in a TEXT column; order is kept. */
final class EnvJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> ENV_TYPE = new TypeReference<>() {
    };

    private EnvJson() {
    }

    /** A missing map is stored as an empty one. */
    static String encode(Map<String, String> env) {
        try {
            return MAPPER.writeValueAsString(env == null ? Map.of() : env);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode environment as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @param where names the row, for the error message when the text is not a JSON object of strings */
    static Map<String, String> decode(String json, String where) {
        try {
            return Collections.unmodifiableMap(MAPPER.readValue(json, ENV_TYPE));
        } catch (JsonProcessingException e) {
            throw new StoreException(where + " is not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}
