package dev.tend.daemon.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import com.googlecode.jsonrpc4j.JsonRpcParam;
import dev.tend.daemon.core.SupervisorException;
import dev.tend.protocol.ErrorCode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The handler the endpoint tests call; records what notifications reached it. */
public class TestHandler {

    public record Person(String name, int age) {
    }

    public final List<String> calls = new CopyOnWriteArrayList<>();

    @JsonRpcMethod("math.subtract")
    public int subtract(@JsonRpcParam("minuend") int minuend, @JsonRpcParam("subtrahend") int subtrahend) {
        return minuend - subtrahend;
    }

    @JsonRpcMethod("math.sum")
    public int sum(int... numbers) {
        calls.add("sum " + Arrays.toString(numbers));
        return Arrays.stream(numbers).sum();
    }

    @JsonRpcMethod("math.total")
    public long total(@JsonRpcParam("numbers") List<Integer> numbers) {
        return numbers.stream().mapToLong(Integer::longValue).sum();
    }

    @JsonRpcMethod("notify.hello")
    public void hello(@JsonRpcParam("n") int n) {
        calls.add("hello " + n);
    }

    @JsonRpcMethod("notify.update")
    public void update(int... values) {
        calls.add("update " + Arrays.toString(values));
    }

    @JsonRpcMethod("test.data")
    public List<Object> data() {
        return List.of("hello", 5);
    }

    @JsonRpcMethod("test.nothing")
    public void nothing() {
        calls.add("nothing");
    }

    @JsonRpcMethod("test.fail")
    public void fail() {
        calls.add("fail");
        throw new IllegalStateException("secret internal detail");
    }

    @JsonRpcMethod("test.app")
    public void app() {
        throw new RpcException(ErrorCode.NOT_FOUND, "no service 'web' in project 'shop'",
                Map.of("project", "shop", "service", "web"));
    }

    @JsonRpcMethod("test.core")
    public void core(@JsonRpcParam("kind") String kind) {
        throw new SupervisorException(SupervisorException.Kind.valueOf(kind), "the core says " + kind);
    }

    @JsonRpcMethod("test.echo")
    public String echo(@JsonRpcParam("text") String text, @JsonRpcParam("times") @OptionalParam Integer times) {
        return text.repeat(times == null ? 1 : times);
    }

    @JsonRpcMethod("test.flag")
    public boolean flag(@JsonRpcParam("on") boolean on) {
        return on;
    }

    @JsonRpcMethod("test.greet")
    public String greet(@JsonRpcParam("person") Person person) {
        return person.name() + " is " + person.age();
    }

    @JsonRpcMethod("test.context")
    public Object context() {
        return RpcContext.current();
    }

    @JsonRpcMethod("test.lines")
    public String lines() {
        return "one\ntwo";
    }

    /** Public, but not published: must not be reachable by its Java name. */
    public String notExported() {
        return "reached";
    }
}
