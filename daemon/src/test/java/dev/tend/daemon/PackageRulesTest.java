package dev.tend.daemon;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The import rules of docs/architecture.md, checked on the daemon's main sources by reading their import lines
 * (a plain scan: no library needed for this much).
 */
class PackageRulesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)(?:\\.\\*)?\\s*;",
            Pattern.MULTILINE);
    private static final String ROOT = "dev.tend.daemon";
    private static final String CORE = ROOT + ".core";

    /** One source file: its package and what it imports (classes, static members, or packages with *). */
    private record Source(Path file, String pkg, List<String> imports) {
    }

    private static List<Source> sources;

    @BeforeAll
    static void scan() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).sorted().map(PackageRulesTest::read).toList();
        }
        assertFalse(sources.isEmpty(), "no sources under " + SOURCES.toAbsolutePath());
    }

    private static Source read(Path file) {
        try {
            String text = Files.readString(file);
            Matcher p = PACKAGE.matcher(text);
            String pkg = p.find() ? p.group(1) : "";
            List<String> imports = new ArrayList<>();
            Matcher m = IMPORT.matcher(text);
            while (m.find()) {
                imports.add(m.group(1));
            }
            return new Source(file, pkg, imports);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void coreImportsNoWireFormatStorageOrOuterDaemonPackage() {
        List<String> forbidden = List.of("io.netty", "com.fasterxml.jackson", "com.googlecode.jsonrpc4j", "java.sql",
                "org.yaml", ROOT + ".rpc", ROOT + ".transport", ROOT + ".store", ROOT + ".project", ROOT + ".export",
                ROOT + ".lifecycle");
        List<String> violations = new ArrayList<>();
        for (Source s : sources) {
            if (!within(s.pkg(), CORE)) {
                continue;
            }
            for (String imported : s.imports()) {
                forbidden.stream().filter(f -> within(imported, f))
                        .forEach(f -> violations.add(s.file() + " imports " + imported));
            }
        }
        assertEquals(List.of(), violations, "core must know no Netty, JSON, SQL, YAML nor the packages above it");
    }

    @Test
    void onlyTransportAndTheDaemonsMainPackageImportNetty() {
        List<String> violations = new ArrayList<>();
        for (Source s : sources) {
            if (within(s.pkg(), ROOT + ".transport") || s.pkg().equals(ROOT)) {
                continue;
            }
            s.imports().stream().filter(i -> within(i, "io.netty"))
                    .forEach(i -> violations.add(s.file() + " imports " + i));
        }
        assertEquals(List.of(), violations, "only transport may know Netty");
    }

    @Test
    void noCycleBetweenPackages() {
        Map<String, Set<String>> graph = packageGraph();
        List<List<String>> cycles = new Tarjan(graph).cycles();
        assertEquals(List.of(), cycles, "packages that import each other (directly or round about)");
    }

    /** Package to the project packages (dev.tend.*) it imports from, itself left out. */
    private static Map<String, Set<String>> packageGraph() {
        Set<String> packages = new TreeSet<>();
        sources.forEach(s -> packages.add(s.pkg()));
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Source s : sources) {
            Set<String> edges = graph.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            for (String imported : s.imports()) {
                String target = longestPackagePrefix(imported, packages);
                if (target != null && !target.equals(s.pkg())) {
                    edges.add(target);
                }
            }
        }
        return graph;
    }

    /** The package of an imported name: the longest known package it starts with (nested types included). */
    private static String longestPackagePrefix(String name, Set<String> packages) {
        String candidate = name;
        while (!candidate.isEmpty()) {
            if (packages.contains(candidate)) {
                return candidate;
            }
            int dot = candidate.lastIndexOf('.');
            candidate = dot < 0 ? "" : candidate.substring(0, dot);
        }
        return null;
    }

    private static boolean within(String name, String pkg) {
        return name.equals(pkg) || name.startsWith(pkg + ".");
    }

    /** Tarjan's strongly connected components; every component of more than one package is a cycle. */
    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> cycles = new ArrayList<>();
        private int next;

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<List<String>> cycles() {
            for (String node : graph.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return cycles;
        }

        private void visit(String node) {
            index.put(node, next);
            low.put(node, next);
            next++;
            stack.push(node);
            onStack.add(node);
            for (String target : graph.getOrDefault(node, Set.of())) {
                if (!index.containsKey(target)) {
                    visit(target);
                    low.put(node, Math.min(low.get(node), low.get(target)));
                } else if (onStack.contains(target)) {
                    low.put(node, Math.min(low.get(node), index.get(target)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    cycles.add(List.copyOf(component));
                }
            }
        }
    }
}
