package dev.tend.daemon.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The order depends_on gives a project's services: a service starts once the condition of each of its dependencies
 * holds ({@link Dependency#judge}: ready by default), and stops only after those that depend on it. The maps are a
 * project's services by name; read them under the lock.
 */
final class DependencyOrder {

    private DependencyOrder() {
    }

    /**
     * The services and, transitively, what they depend on, each once, each after what it depends on: a start made in
     * this order has a dependency's own restart under way (a task run again) before its dependent is judged, which
     * would otherwise see the dependency's last end (a task that failed) and fail at once.
     */
    static List<Service> withDependencies(List<Service> roots, Map<String, Service> services) {
        LinkedHashSet<Service> out = new LinkedHashSet<>();
        Set<Service> visiting = new java.util.HashSet<>();
        for (Service s : roots) {
            addWithDependencies(s, services, visiting, out);
        }
        return List.copyOf(out);
    }

    private static void addWithDependencies(Service s, Map<String, Service> services, Set<Service> visiting,
                                            Set<Service> out) {
        if (out.contains(s) || !visiting.add(s)) {
            return; // done, or a cycle (the project file refuses them)
        }
        for (Dependency dep : s.spec.dependsOn()) {
            Service d = services.get(dep.service());
            if (d != null) {
                addWithDependencies(d, services, visiting, out);
            }
        }
        out.add(s);
    }

    /**
     * Where the service stands with what it depends on: {@code never} names a dependency whose condition cannot hold
     * any more (a task that failed), else {@code waiting} lists those whose condition does not hold yet (one not in the
     * project does not hold it back).
     */
    record Gate(List<String> waiting, String never) {
        boolean open() {
            return never == null && waiting.isEmpty();
        }
    }

    static Gate gate(Service svc, Map<String, Service> services) {
        List<String> waitingFor = new ArrayList<>();
        for (Dependency dep : svc.spec.dependsOn()) {
            Service d = services.get(dep.service());
            if (d == null) {
                continue;
            }
            switch (Dependency.judge(dep.condition(), d.state, d.endedWell)) {
                case NEVER -> {
                    return new Gate(List.of(), "dependency " + dep.service() + " is " + d.describeEnd()
                            + ", and " + svc.name() + " needs it " + dep.condition().wireName().replace('_', ' '));
                }
                // one stopped by hand will not come by itself: the dependent's reason says so (it is the user's to start)
                case WAITING -> waitingFor.add(d.state.isDown() && !d.desired
                        ? dep.describe() + " (" + d.state.wireName() + ", and nothing starts it)" : dep.describe());
                case MET -> { }
            }
        }
        return new Gate(waitingFor, null);
    }

    /** It waits to start for {@code dependency}, whose state just changed. */
    static boolean waitsFor(Service s, Service dependency) {
        return s.state == ServiceState.STARTING && s.waitingForDeps && dependsOn(s, dependency);
    }

    /** TEND_PORT_API=8080 for a dependency "api" on port 8080 (auto or fixed). */
    static Map<String, String> ports(Service svc, Map<String, Service> services) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (Dependency dependency : svc.spec.dependsOn()) {
            String dep = dependency.service();
            Service d = services.get(dep);
            int port = d == null ? 0 : d.port > 0 ? d.port : d.spec.port() > 0 ? d.spec.port() : d.keptPort;
            if (port > 0) {
                ports.put(Ports.variable(dep), Integer.toString(port));
            }
        }
        return ports;
    }

    /**
     * Stops the services, each after those of the set that depend on it. Call without the lock. What nothing in the
     * set depends on stops at once, in one call of {@code stopGroup}: fifty stops then ask for their signals
     * together and share a look or two at /proc, instead of trickling in one by one behind the lock.
     *
     * @param stopGroup stops the services it is given in one step (taking the lock itself), a future each in
     *                  their order; runs on the caller's thread for the first group, then on the executor
     */
    static CompletableFuture<Void> stopInOrder(List<Service> services,
                                               Function<List<Service>, List<CompletableFuture<Void>>> stopGroup,
                                               Executor executor) {
        Map<Service, CompletableFuture<Void>> memo = new HashMap<>();
        List<Service> free = services.stream().filter(s -> dependentsIn(services, s).isEmpty()).toList();
        List<CompletableFuture<Void>> begun = stopGroup.apply(free);
        for (int i = 0; i < free.size(); i++) {
            memo.put(free.get(i), begun.get(i));
        }
        Function<Service, CompletableFuture<Void>> stop = s -> stopGroup.apply(List.of(s)).get(0);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Service s : services) {
            all.add(stopAfterDependents(s, services, memo, stop, executor));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private static List<Service> dependentsIn(List<Service> set, Service s) {
        return set.stream().filter(other -> other != s && other.project.equals(s.project) && dependsOn(other, s))
                .toList();
    }

    private static CompletableFuture<Void> stopAfterDependents(Service s, List<Service> set,
                                                               Map<Service, CompletableFuture<Void>> memo,
                                                               Function<Service, CompletableFuture<Void>> stop,
                                                               Executor executor) {
        CompletableFuture<Void> known = memo.get(s);
        if (known != null) {
            return known;
        }
        List<CompletableFuture<Void>> dependents = new ArrayList<>();
        for (Service other : dependentsIn(set, s)) {
            dependents.add(stopAfterDependents(other, set, memo, stop, executor));
        }
        CompletableFuture<Void> f = CompletableFuture.allOf(dependents.toArray(CompletableFuture[]::new))
                .handle((v, e) -> null)
                .thenComposeAsync(v -> stop.apply(s), executor);
        memo.put(s, f);
        return f;
    }

    private static boolean dependsOn(Service dependent, Service dependency) {
        return dependent.spec.dependsOn().stream().anyMatch(d -> d.service().equals(dependency.name()));
    }
}
