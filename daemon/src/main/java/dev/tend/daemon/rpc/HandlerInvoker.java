package dev.tend.daemon.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.ErrorResolver;
import com.googlecode.jsonrpc4j.InvocationListener;
import com.googlecode.jsonrpc4j.JsonResponse;
import com.googlecode.jsonrpc4j.JsonRpcBasicServer;
import dev.tend.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Calls one handler method through jsonrpc4j (method lookup, parameter binding, invocation) and turns
 * what happened into a result or an error object of our own. jsonrpc4j only ever sees a well-formed
 * request with a placeholder id; its response envelope is discarded. Why a call failed is taken from
 * its error resolver (the handler's exception) and its invocation listener (the raw failure: a Jackson
 * exception there means parameter binding failed, before the handler ran).
 */
final class HandlerInvoker {

    /** Exactly one of result and error is non-null. */
    record Outcome(JsonNode result, ObjectNode error) {
    }

    private static final Logger log = LoggerFactory.getLogger(HandlerInvoker.class);
    private static final ThreadLocal<Trace> TRACE = new ThreadLocal<>();

    /** What jsonrpc4j told us about the call this thread is making. */
    private static final class Trace {
        RpcException rpcException;
        Throwable unexpected;
        Throwable rawFailure;
        List<JsonNode> arguments;
    }

    private static final class Server extends JsonRpcBasicServer {
        Server(ObjectMapper mapper, Object handler) {
            super(mapper, handler);
        }

        JsonResponse call(ObjectNode request) throws Exception {
            return handleJsonNodeRequest(request);
        }
    }

    private final ObjectMapper mapper;
    private final Server server;

    HandlerInvoker(ObjectMapper mapper, Object handler) {
        this.mapper = mapper;
        this.server = new Server(mapper, handler);
        server.setBackwardsCompatible(false);
        server.setAllowExtraParams(false);
        server.setAllowLessParams(false);
        server.setRethrowExceptions(false);
        // RpcException is an expected outcome, not worth a warning; unexpected failures are logged below.
        server.setShouldLogInvocationErrors(false);
        server.setErrorResolver(new TracingErrorResolver());
        server.setInvocationListener(new TracingInvocationListener());
    }

    Outcome invoke(RpcMethod method, JsonNode params) {
        ObjectNode request = mapper.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", 0);
        request.put("method", method.name());
        request.set("params", params);
        Trace previous = TRACE.get();
        Trace trace = new Trace();
        TRACE.set(trace);
        try {
            JsonResponse response = server.call(request);
            return outcome(method, trace, response.getResponse());
        } catch (Exception e) {
            return internalError("RPC method " + method.name() + " failed inside jsonrpc4j", e);
        } finally {
            if (previous == null) {
                TRACE.remove();
            } else {
                TRACE.set(previous);
            }
        }
    }

    private Outcome outcome(RpcMethod method, Trace trace, JsonNode response) {
        if (trace.rawFailure instanceof JacksonException) {
            return error(ErrorCode.INVALID_PARAMS, bindingFailure(method, trace.arguments), null);
        }
        if (trace.rpcException != null) {
            RpcException e = trace.rpcException;
            return error(e.code(), e.getMessage(), e.data());
        }
        if (trace.unexpected != null) {
            // The core's foreseen failures (not found, conflict, invalid, a project file) keep their code and words
            // however deep they were thrown; only what nobody foresaw is an internal error.
            RuntimeException translated = CoreCalls.translate(trace.unexpected);
            if (translated instanceof RpcException e) {
                return error(e.code(), e.getMessage(), e.data());
            }
            return internalError("RPC method " + method.name() + " failed", trace.unexpected);
        }
        JsonNode error = response == null ? null : response.get("error");
        if (error != null) {
            // jsonrpc4j refused the call itself (e.g. no method matched the params): keep only its code.
            ErrorCode code = ErrorCode.of(error.path("code").asInt());
            log.warn("jsonrpc4j answered {} with {} although its params were checked", method.name(), error);
            if (code == null || code == ErrorCode.INTERNAL_ERROR) {
                return internalError("jsonrpc4j answered " + method.name() + " with " + error, null);
            }
            return error(code, null, null);
        }
        JsonNode result = response == null ? null : response.get("result");
        return new Outcome(result == null ? NullNode.getInstance() : result, null);
    }

    /**
     * Which parameter jsonrpc4j failed to bind and why. It tells neither (at best an index in its
     * message), so on this failure path the arguments are bound again, one by one, the way it does.
     */
    private String bindingFailure(RpcMethod method, List<JsonNode> arguments) {
        Type[] types = method.method().getGenericParameterTypes();
        for (int i = 0; arguments != null && i < types.length && i < arguments.size(); i++) {
            try {
                mapper.readerFor(mapper.getTypeFactory().constructType(types[i]))
                        .with(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                        .readValue(mapper.treeAsTokens(arguments.get(i)));
            } catch (IOException e) {
                return "parameter " + method.describe(i) + ": " + JsonKinds.bindingFailure(e);
            }
        }
        return "a parameter has the wrong type or value";
    }

    /** The one way a call ends in -32603: logged with an incident id that the answer carries too. */
    private Outcome internalError(String what, Throwable failure) {
        String incident = Incidents.report(log, what, failure);
        return error(ErrorCode.INTERNAL_ERROR, Incidents.message(incident), Map.of("incident", incident));
    }

    private Outcome error(ErrorCode code, String message, Object data) {
        ObjectNode error = mapper.createObjectNode();
        error.put("code", code.code());
        error.put("message", message == null ? code.defaultMessage() : message);
        if (data != null) {
            try {
                error.set("data", mapper.valueToTree(data));
            } catch (IllegalArgumentException e) {
                log.error("error.data of a {} error could not be serialized; leaving it out", code, e);
            }
        }
        return new Outcome(null, error);
    }

    private static final class TracingErrorResolver implements ErrorResolver {
        @Override
        public JsonError resolveError(Throwable t, Method method, List<JsonNode> arguments) {
            Trace trace = TRACE.get();
            if (t instanceof RpcException e) {
                trace.rpcException = e;
            } else {
                trace.unexpected = t;
            }
            // jsonrpc4j's own error object is discarded; this one keeps it from serializing anything.
            return new JsonError(ErrorCode.INTERNAL_ERROR.code(), ErrorCode.INTERNAL_ERROR.defaultMessage(), null);
        }
    }

    private static final class TracingInvocationListener implements InvocationListener {
        @Override
        public void willInvoke(Method method, List<JsonNode> arguments) {
        }

        @Override
        public void didInvoke(Method method, List<JsonNode> arguments, Object result, Throwable t, long duration) {
            // A handler's own exception arrives wrapped in InvocationTargetException; anything else failed
            // before the handler ran.
            if (t != null && !(t instanceof InvocationTargetException)) {
                TRACE.get().rawFailure = t;
                TRACE.get().arguments = arguments;
            }
        }
    }
}
