package dev.tend.daemon.rpc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a handler method under a JSON-RPC method name: the endpoint's method table ({@link RpcMethod#scan}) is
 * made of these, and nothing else of the handler is reachable (not its other public methods, not Java names).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Rpc {
    /** The method's name on the wire, e.g. {@code service.restart} (protocol's {@code Methods}). */
    String value();
}
