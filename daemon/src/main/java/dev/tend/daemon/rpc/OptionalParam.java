package dev.tend.daemon.rpc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler parameter the caller may leave out (or send as null); the handler then receives null.
 * Every parameter without it is required and must not be null. Only reference types can be optional, and
 * by-position callers can only leave out trailing parameters, so optional parameters must come last.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OptionalParam {
}
