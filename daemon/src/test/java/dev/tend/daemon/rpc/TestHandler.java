package dev.tend.daemon.rpc;

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

    @Rpc("math.subtract")
    public int subtract(@Param("minuend") int minuend, @Param("subtrahend") int subtrahend) {
        return minuend - subtrahend;
    }

    @Rpc("math.sum")
    public int sum(int... numbers) {
        calls.add("sum " + Arrays.toString(numbers));
        return Arrays.stream(numbers).sum();
    }

    @Rpc("math.total")
    public long total(@Param("numbers") List<Integer> numbers) {
        return numbers.stream().mapToLong(Integer::longValue).sum();
    }

    @Rpc("notify.hello")
    public void hello(@Param("n") int n) {
        calls.add("hello " + n);
    }

    @Rpc("notify.update")
    public void update(int... values) {
        calls.add("update " + Arrays.toString(values));
    }

    @Rpc("test.data")
    public List<Object> data() {
        return List.of("hello", 5);
    }

    @Rpc("test.nothing")
    public void nothing() {
        calls.add("nothing");
    }

    @Rpc("test.fail")
    public void fail() {
        calls.add("fail");
        throw new IllegalStateException("secret internal detail");
    }

    @Rpc("test.app")
    public void app() {
        throw new RpcException(ErrorCode.NOT_FOUND, "no service 'web' in project 'shop'",
                Map.of("project", "shop", "service", "web"));
    }

    @Rpc("test.core")
    public void core(@Param("kind") String kind) {
        throw new SupervisorException(SupervisorException.Kind.valueOf(kind), "the core says " + kind);
    }

    @Rpc("test.echo")
    public String echo(@Param("text") String text, @Param("times") @OptionalParam Integer times) {
        return text.repeat(times == null ? 1 : times);
    }

    @Rpc("test.flag")
    public boolean flag(@Param("on") boolean on) {
        return on;
    }

    @Rpc("test.greet")
    public String greet(@Param("person") Person person) {
        return person.name() + " is " + person.age();
    }

    @Rpc("test.context")
    public Object context() {
        return RpcContext.current();
    }

    @Rpc("test.lines")
    public String lines() {
        return "one\ntwo";
    }

    /** Public, but not published: must not be reachable by its Java name. */
    public String notExported() {
        return "reached";
    }
}
