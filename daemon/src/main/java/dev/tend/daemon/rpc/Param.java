package dev.tend.daemon.rpc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name of a parameter of an {@link Rpc} method, so it can be called by name as well as by position. Either every
 * parameter of a method has one or none has (then it is called by position only).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {
    String value();
}
