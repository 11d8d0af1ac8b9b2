package dev.tend.protocol.json;

/** Malformed JSON text. */
public final class JsonException extends RuntimeException {
    public JsonException(String message) {
        super(message);
    }
}
