package dev.tend.daemon.rpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One handler method published under its {@link Rpc} name: the one table the endpoint dispatches on and
 * {@code rpc.discover} describes.
 *
 * @param paramNames the {@link Param} names in declaration order, or null when the method only takes its params by
 *                   position
 * @param required   per parameter: must be present and not null
 * @param varargs    the method's only parameter is a varargs array, so any number of positional params fit
 * @param readers    per parameter, the strict mapper's reader for its type (for a varargs method: for one element)
 */
record RpcMethod(String name, Method method, List<String> paramNames, List<Boolean> required, boolean varargs,
                 List<ObjectReader> readers) {

    int arity() {
        return method.getParameterCount();
    }

    /** How a parameter is called in error messages: its name, or its position. */
    String describe(int index) {
        return paramNames != null ? "'" + paramNames.get(index) + "'" : "at position " + index;
    }

    /** Every {@link Rpc} method of the handler's class by name; rejects a handler whose calls would be ambiguous. */
    static Map<String, RpcMethod> scan(Class<?> handlerClass, ObjectMapper mapper) {
        Map<String, RpcMethod> methods = new LinkedHashMap<>();
        for (Method method : handlerClass.getMethods()) {
            Rpc annotation = method.getAnnotation(Rpc.class);
            if (annotation == null) {
                continue;
            }
            RpcMethod rpcMethod = of(annotation.value(), method, mapper);
            RpcMethod clash = methods.put(rpcMethod.name(), rpcMethod);
            if (clash != null) {
                throw new IllegalArgumentException("RPC method '" + rpcMethod.name() + "' is declared twice: "
                        + clash.method() + " and " + method + "; overloads are not supported");
            }
        }
        return Collections.unmodifiableMap(methods);
    }

    private static RpcMethod of(String name, Method method, ObjectMapper mapper) {
        String where = "RPC method '" + name + "' (" + method + ")";
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + ": @Rpc needs a name");
        }
        // a handler class need not be public: the endpoint is its only caller
        method.setAccessible(true);
        Parameter[] parameters = method.getParameters();
        List<String> names = new ArrayList<>();
        List<Boolean> required = new ArrayList<>();
        boolean sawOptional = false;
        for (Parameter parameter : parameters) {
            Param param = parameter.getAnnotation(Param.class);
            if (param != null) {
                names.add(param.value());
            }
            boolean optional = parameter.isAnnotationPresent(OptionalParam.class);
            if (optional && parameter.getType().isPrimitive()) {
                throw new IllegalArgumentException(where + ": optional parameter " + parameter + " must not be primitive");
            }
            if (!optional && sawOptional) {
                throw new IllegalArgumentException(where + ": required parameter " + parameter
                        + " follows an optional one; optional parameters must come last");
            }
            sawOptional |= optional;
            required.add(!optional);
        }
        if (!names.isEmpty() && names.size() != parameters.length) {
            throw new IllegalArgumentException(where + ": either every parameter has @Param or none has");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(where + ": two parameters share a @Param name");
        }
        boolean varargs = method.isVarArgs() && parameters.length == 1;
        List<ObjectReader> readers = new ArrayList<>();
        for (Type type : method.getGenericParameterTypes()) {
            readers.add(mapper.readerFor(varargs
                    ? mapper.constructType(type).getContentType() : mapper.constructType(type)));
        }
        return new RpcMethod(name, method, names.isEmpty() && parameters.length > 0 ? null : List.copyOf(names),
                List.copyOf(required), varargs, List.copyOf(readers));
    }
}
