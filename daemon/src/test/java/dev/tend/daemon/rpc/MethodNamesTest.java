package dev.tend.daemon.rpc;

import dev.tend.protocol.Methods;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Clients name methods through {@link Methods} only, so every method the daemon serves must be there. */
class MethodNamesTest {

    @Test
    void everyMethodTheDaemonServesIsAConstantInMethods() throws Exception {
        Set<String> constants = new HashSet<>();
        for (Field f : Methods.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                constants.add((String) f.get(null));
            }
        }
        Set<String> missing = new TreeSet<>(tendEndpoint().methodNames());
        missing.removeIf(name -> name.startsWith("rpc."));
        missing.removeAll(constants);
        assertEquals(Set.of(), missing);
    }

    /** The method table comes from the class; its collaborators may stay null (as in OpenRpcTest). */
    private static JsonRpcEndpoint tendEndpoint() throws ReflectiveOperationException {
        Constructor<?> constructor = TendRpc.class.getConstructors()[0];
        return new JsonRpcEndpoint(RpcMapper.create(), constructor.newInstance(new Object[constructor.getParameterCount()]));
    }
}
