package dev.tend.daemon.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** Environment maps are stored as JSON objects in a TEXT column, order kept; lists of paths as JSON arrays. */
final class EnvJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> ENV_TYPE = new TypeReference<>() {
    };

    private static final TypeReference<List<String>> PATHS_TYPE = new TypeReference<>() {
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

    /** A list of file paths (a project's override files), as a JSON array of strings. */
    static String encodePaths(List<Path> paths) {
        try {
            return MAPPER.writeValueAsString(paths.stream().map(Path::toString).toList());
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode paths as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @param where names the row, for the error message when the text is not a JSON array of strings */
    static List<Path> decodePaths(String json, String where) {
        try {
            return MAPPER.readValue(json, PATHS_TYPE).stream().map(Path::of).toList();
        } catch (JsonProcessingException | java.nio.file.InvalidPathException e) {
            throw new StoreException(where + " is not a JSON array of paths: " + e.getMessage(), e);
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
