package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tend.protocol.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/**
 * Calls one handler method with its bound arguments and turns what happened into a result or an error object: an
 * {@link RpcException} keeps its code, words and data; the core's foreseen failures are translated
 * ({@link CoreCalls#translate}); anything else is a bug, -32603 with an incident id.
 */
final class HandlerInvoker {

    /** Exactly one of result and error is non-null, except for a method returning nothing (both null). */
    record Outcome(Object result, ObjectNode error) {
    }

    private static final Logger log = LoggerFactory.getLogger(HandlerInvoker.class);

    private final ObjectMapper mapper;
    private final Object handler;

    HandlerInvoker(ObjectMapper mapper, Object handler) {
        this.mapper = mapper;
        this.handler = handler;
    }

    Outcome invoke(RpcMethod method, Object[] args) {
        try {
            return new Outcome(method.method().invoke(handler, args), null);
        } catch (InvocationTargetException e) {
            // The core's foreseen failures (not found, conflict, invalid, a project file) keep their code and words
            // however deep they were thrown; only what nobody foresaw is an internal error.
            if (CoreCalls.translate(e.getCause()) instanceof RpcException failure) {
                return error(failure.code(), failure.getMessage(), failure.data());
            }
            return internalError("RPC method " + method.name() + " failed", e.getCause());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return internalError("RPC method " + method.name() + " could not be called", e);
        }
    }

    /** The one way a call ends in -32603: logged with an incident id that the answer carries too. */
    Outcome internalError(String what, Throwable failure) {
        String incident = Incidents.report(log, what, failure);
        return error(ErrorCode.INTERNAL_ERROR, Incidents.message(incident), Map.of("incident", incident));
    }

    Outcome error(ErrorCode code, String message, Object data) {
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
}
