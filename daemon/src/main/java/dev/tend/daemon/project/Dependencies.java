package dev.tend.daemon.project;

import dev.tend.daemon.core.Dependency;
import dev.tend.daemon.core.Names;
import dev.tend.daemon.core.RestartMode;
import dev.tend.daemon.core.ServiceSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks the depends_on graph: every name is a service, none depends on itself, no cycles. */
final class Dependencies {

    /** `from` depends on `to` with a condition, written on `line` of `file` (null: the first file). */
    record Edge(String from, String to, int line, Path file, Dependency.Condition condition) {
        Edge(String from, String to, int line, Dependency.Condition condition) {
            this(from, to, line, null, condition);
        }

        Dependency dependency() {
            return new Dependency(to, condition);
        }
    }

    /** What the service's edges say it depends on, for its spec. */
    static List<Dependency> of(List<Edge> edges) {
        return edges.stream().map(Edge::dependency).toList();
    }

    private enum Mark { VISITING, DONE }

    private final Values values;
    private final Map<String, List<Edge>> edges;
    private final Map<String, Mark> marks = new HashMap<>();
    private final List<String> path = new ArrayList<>();

    /** @param edges every service (in file order) to what it depends on */
    Dependencies(Values values, Map<String, List<Edge>> edges) {
        this.values = values;
        this.edges = edges;
    }

    void check() throws ProjectFileException {
        for (List<Edge> out : edges.values()) {
            for (Edge edge : out) {
                if (edge.to().equals(edge.from())) {
                    throw values.fail(edge.file(), edge.line(), "service '" + edge.from() + "' depends on itself");
                }
                if (!edges.containsKey(edge.to())) {
                    throw values.fail(edge.file(), edge.line(), "service '" + edge.from() + "' depends on unknown service '"
                            + edge.to() + "'" + Names.didYouMean(edge.to(), edges.keySet()));
                }
            }
        }
        for (String service : edges.keySet()) {
            if (!marks.containsKey(service)) {
                visit(service);
            }
        }
    }

    /**
     * A condition on a dependency's end (completed, completed_successfully) that can never hold: the dependency
     * restarts whenever it ends (restart: always), so the dependent would wait for ever. Refused with where it is.
     */
    void checkEndsCanHappen(Map<String, ServiceSpec> services) throws ProjectFileException {
        for (List<Edge> out : edges.values()) {
            for (Edge edge : out) {
                boolean awaitsEnd = edge.condition() == Dependency.Condition.COMPLETED
                        || edge.condition() == Dependency.Condition.COMPLETED_SUCCESSFULLY;
                ServiceSpec to = services.get(edge.to());
                if (awaitsEnd && to != null && to.restart() == RestartMode.ALWAYS) {
                    throw values.fail(edge.file(), edge.line(), "service '" + edge.from() + "' waits for '" + edge.to()
                            + "' to be " + edge.condition().wireName() + ", but '"
                            + edge.to() + "' has restart: always and never ends; make it a task (restart: \"no\") or "
                            + "wait for it to be ready");
                }
            }
        }
    }

    private void visit(String service) throws ProjectFileException {
        marks.put(service, Mark.VISITING);
        path.add(service);
        for (Edge edge : edges.get(service)) {
            Mark mark = marks.get(edge.to());
            if (mark == Mark.VISITING) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(edge.to()), path.size()));
                cycle.add(edge.to());
                throw values.fail(edge.file(), edge.line(), "depends_on cycle: " + String.join(" -> ", cycle));
            }
            if (mark == null) {
                visit(edge.to());
            }
        }
        path.remove(path.size() - 1);
        marks.put(service, Mark.DONE);
    }
}
