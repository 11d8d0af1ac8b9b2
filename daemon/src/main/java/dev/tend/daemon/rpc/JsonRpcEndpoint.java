package dev.tend.daemon.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tend.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON-RPC 2.0 server for one handler object, frame in, frame out, exactly as the specification says, on one path:
 * parse ({@link RequestReader}), check the envelope, look the method up in the {@link RpcMethod} table, bind its
 * params once ({@link Params}), call it ({@link HandlerInvoker}), write the result or the error. Why it is not
 * jsonrpc4j's server: docs/architecture.md, "One dispatch".
 * Thread-safe: any number of threads may call {@link #handle} at once.
 */
public final class JsonRpcEndpoint {

    private static final Logger log = LoggerFactory.getLogger(JsonRpcEndpoint.class);
    private static final ObjectMapper STANDALONE_MAPPER = RpcMapper.create();
    /** The most requests one batch may hold: a batch over it is refused whole (docs/daemon.md). */
    public static final int MAX_BATCH = 100;
    /** What the answers of one batch may come to (in characters) before its remaining requests are refused unrun. */
    static final int MAX_BATCH_ANSWER_BYTES = 4 << 20;

    private final ObjectMapper mapper;
    private final RequestReader reader;
    private final Map<String, RpcMethod> methods;
    private final HandlerInvoker invoker;
    /** OpenRPC's document, made at the first rpc.discover (it is not on a cold start's path). */
    private volatile ObjectNode discovery;

    /**
     * @param handler an object whose public methods carrying {@link Rpc} are served; every parameter of such a method
     *                carries {@link Param} (callable by name and by position) or none does (by position only)
     * @throws IllegalArgumentException when the handler declares something that could not be served as meant
     */
    public JsonRpcEndpoint(ObjectMapper mapper, Object handler) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.reader = new RequestReader(mapper);
        this.methods = RpcMethod.scan(handler.getClass(), mapper);
        this.invoker = new HandlerInvoker(mapper, handler);
    }

    /** OpenRPC's description of the methods (rpc.discover's answer). */
    private ObjectNode discovery() {
        ObjectNode d = discovery;
        if (d == null) {
            d = OpenRpc.document(methods.values(), mapper); // the same document whichever thread makes it first
            discovery = d;
        }
        return d;
    }

    /** The names of the methods this endpoint serves. */
    public Set<String> methodNames() {
        return methods.keySet();
    }

    /** {@link #handle(String, Object)} without a context. */
    public String handle(String frame) {
        return handle(frame, null);
    }

    /**
     * Answers one frame: a single JSON text, already decoded, without its line terminator.
     *
     * @param context made available to the handler through {@link RpcContext#current()} while it runs
     * @return the response to write (one line, no terminator), or null when nothing must be written
     *         (a notification, or a batch of only notifications)
     */
    public String handle(String frame, Object context) {
        Objects.requireNonNull(frame, "frame");
        JsonNode root;
        try {
            root = reader.read(frame);
        } catch (JacksonException e) {
            return write(errorReply(NullNode.getInstance(), ErrorCode.PARSE_ERROR, null, parseErrorDetail(e)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a String failed", e);
        }
        if (!root.isArray()) {
            return answer(root, context);
        }
        if (root.isEmpty()) {
            return write(errorReply(NullNode.getInstance(), ErrorCode.INVALID_REQUEST, null, "empty batch"));
        }
        if (root.size() > MAX_BATCH) {
            return write(errorReply(NullNode.getInstance(), ErrorCode.INVALID_REQUEST, null,
                    "a batch may hold at most " + MAX_BATCH + " requests; this one holds " + root.size()));
        }
        return answerBatch(root, context);
    }

    /**
     * Each answer is written as it is made, so what a batch holds for its peer stays bounded: once its answers pass
     * {@link #MAX_BATCH_ANSWER_BYTES}, the requests after them are answered with an error instead of run.
     */
    private String answerBatch(JsonNode batch, Object context) {
        StringBuilder responses = new StringBuilder().append('[');
        int answered = 0;
        for (JsonNode element : batch) {
            String response;
            if (responses.length() > MAX_BATCH_ANSWER_BYTES) {
                JsonNode id = element.isObject() ? element.get("id") : NullNode.getInstance();
                response = id == null ? null : write(errorReply(RequestReader.isNumber(id) || id.isTextual() ? id : NullNode.getInstance(),
                        ErrorCode.INVALID_REQUEST, null, "not run: the answers to this batch before it passed "
                                + (MAX_BATCH_ANSWER_BYTES >> 20) + " MiB; send it again on its own or in a smaller batch"));
            } else {
                response = answer(element, context);
            }
            if (response != null) {
                responses.append(answered++ == 0 ? "" : ",").append(response);
            }
        }
        return answered == 0 ? null : responses.append(']').toString();
    }

    /** A response to something that was never a request, e.g. a frame too long or not UTF-8. */
    public static String errorResponse(ErrorCode code, String message) {
        ObjectNode error = STANDALONE_MAPPER.createObjectNode();
        error.put("code", code.code());
        error.put("message", message == null ? code.defaultMessage() : message);
        ObjectNode response = STANDALONE_MAPPER.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", NullNode.getInstance());
        response.set("error", error);
        try {
            return STANDALONE_MAPPER.writeValueAsString(response);
        } catch (JacksonException e) {
            throw new IllegalStateException("a tree of strings and numbers could not be written", e);
        }
    }

    /** The response to one request object (or one batch element), or null for a notification. */
    private String answer(JsonNode element, Object context) {
        if (!element.isObject()) {
            return write(errorReply(NullNode.getInstance(), ErrorCode.INVALID_REQUEST, null,
                    "a request must be an object, not " + JsonKinds.of(element)));
        }
        JsonNode id = element.get("id");
        boolean idValid = id == null || id.isTextual() || id.isNull() || RequestReader.isNumber(id);
        // The id is echoed even on an invalid request whenever it could be read.
        JsonNode replyId = id != null && idValid ? id : NullNode.getInstance();
        String invalid = invalidRequest(element, idValid);
        if (invalid != null) {
            return write(errorReply(replyId, ErrorCode.INVALID_REQUEST, null, invalid));
        }
        String name = element.get("method").textValue();
        HandlerInvoker.Outcome outcome = call(name, element.get("params"), context);
        if (id == null) {
            if (outcome.error() != null) {
                log.debug("notification {} failed: {}", name, outcome.error());
            }
            return null;
        }
        try {
            return mapper.writeValueAsString(response(replyId, outcome));
        } catch (JacksonException e) {
            // a handler returned what the mapper cannot write: a bug
            return write(response(replyId, invoker.internalError("the result of " + name + " could not be written", e)));
        }
    }

    private ObjectNode response(JsonNode id, HandlerInvoker.Outcome outcome) {
        ObjectNode response = mapper.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        if (outcome.error() != null) {
            response.set("error", outcome.error());
        } else {
            // written straight from the handler's value by the mapper, not through a tree first
            response.putPOJO("result", outcome.result());
        }
        return response;
    }

    /** What makes {@code request} not a valid Request object, or null when it is one. */
    private static String invalidRequest(JsonNode request, boolean idValid) {
        JsonNode version = request.get("jsonrpc");
        if (version == null) {
            return "member \"jsonrpc\" is missing; it must be \"2.0\"";
        }
        if (!version.isTextual() || !version.textValue().equals("2.0")) {
            return "member \"jsonrpc\" must be \"2.0\"";
        }
        JsonNode method = request.get("method");
        if (method == null) {
            return "member \"method\" is missing";
        }
        if (!method.isTextual()) {
            return "member \"method\" must be a string, not " + JsonKinds.of(method);
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isArray() && !params.isObject()) {
            return "member \"params\" must be an array or an object, not " + JsonKinds.of(params);
        }
        if (!idValid) {
            return "member \"id\" must be a string, a number or null, not " + JsonKinds.of(request.get("id"));
        }
        return null;
    }

    private HandlerInvoker.Outcome call(String name, JsonNode params, Object context) {
        if (name.equals(OpenRpc.DISCOVER)) {
            // the one reserved "rpc." name served: OpenRPC's discovery, generated from the dispatch table
            if (params != null && !params.isNull() && !params.isEmpty()) {
                return failure(ErrorCode.INVALID_PARAMS, "rpc.discover takes no params");
            }
            return new HandlerInvoker.Outcome(discovery(), null);
        }
        RpcMethod method = methods.get(name);
        if (method == null) {
            return failure(ErrorCode.METHOD_NOT_FOUND, "no method named '" + name + "'");
        }
        Object[] args;
        try {
            args = Params.bind(method, params);
        } catch (RpcException e) {
            return failure(e.code(), e.getMessage());
        }
        Object previous = RpcContext.enter(context);
        try {
            return invoker.invoke(method, args);
        } finally {
            RpcContext.restore(previous);
        }
    }

    private HandlerInvoker.Outcome failure(ErrorCode code, String detail) {
        return new HandlerInvoker.Outcome(null, errorObject(code, null, detail));
    }

    private ObjectNode errorReply(JsonNode id, ErrorCode code, String message, String detail) {
        ObjectNode response = mapper.createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("error", errorObject(code, message, detail));
        return response;
    }

    /**
     * The one shape of an error the endpoint makes itself: message says what is wrong in words (the code's default
     * words only when there is nothing more to say), and there is no data; a handler's error adds structured data
     * when it has some (docs/protocol.md, Errors).
     */
    private ObjectNode errorObject(ErrorCode code, String message, String detail) {
        ObjectNode error = mapper.createObjectNode();
        error.put("code", code.code());
        error.put("message", detail != null ? detail : message == null ? code.defaultMessage() : message);
        return error;
    }

    private static String parseErrorDetail(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return String.valueOf(e.getOriginalMessage()).contains("nesting depth")
                    ? "JSON nested deeper than " + RpcMapper.MAX_NESTING_DEPTH + " levels"
                    : "a JSON number, string or name is longer than allowed";
        }
        JsonLocation where = e.getLocation();
        String reason = e.getOriginalMessage();
        if (reason != null && reason.startsWith("Duplicate field")) {
            reason = reason.replace("Duplicate field", "duplicate member");
        } else if (reason != null && (reason.startsWith("empty frame") || reason.startsWith("more than one"))) {
            // our own wording
        } else {
            reason = "invalid JSON";
        }
        return where == null || where.getColumnNr() < 0 ? reason : reason + " at column " + where.getColumnNr();
    }

    /** A response the endpoint made itself, of strings and numbers, as one line. */
    private String write(JsonNode response) {
        try {
            return mapper.writeValueAsString(response);
        } catch (JacksonException e) {
            throw new IllegalStateException("a tree of strings and numbers could not be written", e);
        }
    }
}
