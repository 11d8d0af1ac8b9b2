package dev.tend.daemon.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import com.googlecode.jsonrpc4j.JsonRpcParam;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One handler method published under its {@code @JsonRpcMethod} name, with what the endpoint needs to
 * check a call's params before jsonrpc4j binds them.
 *
 * @param paramNames the {@code @JsonRpcParam} names in declaration order, or null when the method only
 *                   takes its params by position
 * @param required   per parameter: must be present and not null
 * @param varargs    the method's only parameter is a varargs array, so any number of positional params fit
 */
record RpcMethod(String name, Method method, List<String> paramNames, List<Boolean> required, boolean varargs) {

    int arity() {
        return method.getParameterCount();
    }

    /** How a parameter is called in error messages: its name, or its position. */
    String describe(int index) {
        return paramNames != null ? "'" + paramNames.get(index) + "'" : "at position " + index;
    }

    /** Every {@code @JsonRpcMethod} of the handler's class by name; rejects handlers jsonrpc4j would misread. */
    static Map<String, RpcMethod> scan(Class<?> handlerClass) {
        Map<String, RpcMethod> methods = new LinkedHashMap<>();
        for (Method method : handlerClass.getMethods()) {
            JsonRpcMethod annotation = method.getAnnotation(JsonRpcMethod.class);
            if (annotation == null) {
                continue;
            }
            RpcMethod rpcMethod = of(annotation.value(), method);
            RpcMethod clash = methods.put(rpcMethod.name(), rpcMethod);
            if (clash != null) {
                throw new IllegalArgumentException("RPC method '" + rpcMethod.name() + "' is declared twice: "
                        + clash.method() + " and " + method + "; overloads are not supported");
            }
        }
        for (Method method : handlerClass.getMethods()) {
            RpcMethod sameName = methods.get(method.getName());
            if (sameName != null && !sameName.method().equals(method)) {
                // jsonrpc4j also matches a method by its Java name and would pick between the two.
                throw new IllegalArgumentException("Java method " + method + " is named like RPC method '"
                        + sameName.name() + "'; rename one of them");
            }
        }
        return Collections.unmodifiableMap(methods);
    }

    private static RpcMethod of(String name, Method method) {
        String where = "RPC method '" + name + "' (" + method + ")";
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + ": @JsonRpcMethod needs a name");
        }
        if (!Modifier.isPublic(method.getDeclaringClass().getModifiers())) {
            throw new IllegalArgumentException(where + ": the declaring class must be public for jsonrpc4j to call it");
        }
        Parameter[] parameters = method.getParameters();
        List<String> names = new ArrayList<>();
        List<Boolean> required = new ArrayList<>();
        boolean sawOptional = false;
        for (Parameter parameter : parameters) {
            JsonRpcParam param = parameter.getAnnotation(JsonRpcParam.class);
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
            throw new IllegalArgumentException(where + ": either every parameter has @JsonRpcParam or none has");
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(where + ": two parameters share a @JsonRpcParam name");
        }
        boolean varargs = method.isVarArgs() && parameters.length == 1;
        return new RpcMethod(name, method, names.isEmpty() && parameters.length > 0 ? null : List.copyOf(names),
                List.copyOf(required), varargs);
    }
}
