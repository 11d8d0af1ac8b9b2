package dev.tend.daemon.project;

import dev.tend.daemon.core.process.CommandSize;
import dev.tend.daemon.core.Names;
import dev.tend.daemon.core.time.Durations;

import dev.tend.protocol.NameRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Typed reads of YAML values; every refusal names the line and says what was expected instead. */
final class Values {

    private final Path file;
    private final Function<Object, Path> origins;

    Values(Path file) {
        this(file, nodeOrEntry -> file);
    }

    /** @param origins the file each node or entry came from, when the tree merges several (YamlMerge) */
    Values(Path file, Function<Object, Path> origins) {
        this.file = file;
        this.origins = origins;
    }

    /** A problem on a line of the (first) file. */
    ProjectFileException fail(int line, String reason) {
        return new ProjectFileException(file, line, 0, reason);
    }

    /** A problem on a line of the given file (null: the first). */
    ProjectFileException fail(Path in, int line, String reason) {
        return new ProjectFileException(in == null ? file : in, line, 0, reason);
    }

    /** A problem with a key (and its setting), on the key's line in the file that wrote it. */
    ProjectFileException fail(YamlNode.Entry at, String reason) {
        return new ProjectFileException(origins.apply(at), at.line(), 0, reason);
    }

    ProjectFileException fail(YamlNode at, String reason) {
        return new ProjectFileException(origins.apply(at), at.line(), at.column(), reason);
    }

    /** The file a node or entry came from. */
    Path origin(Object nodeOrEntry) {
        return origins.apply(nodeOrEntry);
    }

    static YamlNode.Entry find(YamlNode.Mapping map, String key) {
        for (YamlNode.Entry entry : map.entries()) {
            if (entry.key().equals(key)) {
                return entry;
            }
        }
        return null;
    }

    static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NULL;
    }

    YamlNode.Mapping mapping(YamlNode node, String what, String expected) throws ProjectFileException {
        if (node instanceof YamlNode.Mapping map) {
            return map;
        }
        throw fail(node, what + " must be " + expected + ", not " + node.description());
    }

    void checkKeys(YamlNode.Mapping map, List<String> known, String where) throws ProjectFileException {
        for (YamlNode.Entry entry : map.entries()) {
            if (!known.contains(entry.key())) {
                throw new ProjectFileException(origins.apply(entry), entry.line(), entry.column(),
                        unknownKey(entry.key(), known, where));
            }
        }
    }

    /**
     * "unknown key 'restrat' in service 'api' (did you mean 'restart'?)"; a key that is no word at all (a line of
     * /etc/shadow given as the project file) is not quoted: the file may hold secrets and is not a project file.
     */
    static String unknownKey(String key, List<String> known, String where) {
        String knownKeys = " (known keys: " + String.join(", ", known) + ")";
        if (!looksLikeAKey(key)) {
            return "a key that is not a word " + where + ": is this a tend project file?" + knownKeys;
        }
        String hint = Names.closest(key, known).map(k -> " (did you mean '" + k + "'?)").orElse(knownKeys);
        return "unknown key '" + key + "' " + where + hint;
    }

    /** Short and made of name characters: what a misspelt key looks like, never a line of another kind of file. */
    static boolean looksLikeAKey(String key) {
        return key.length() <= 40 && key.matches("[A-Za-z0-9_.-]+");
    }

    /** A shell command's text, refused when it is too long to ever start ({@link CommandSize}). */
    String command(YamlNode.Entry entry, String where, String expected) throws ProjectFileException {
        String command = text(entry, where, expected);
        String tooLong = CommandSize.tooLong(command);
        if (tooLong != null) {
            throw fail(entry.value(), where + ": " + entry.key() + ": " + tooLong);
        }
        return command;
    }

    /** The source text of a scalar value (a number or boolean as written); refuses maps, lists and null. */
    String text(YamlNode.Entry entry, String where, String expected) throws ProjectFileException {
        YamlNode value = entry.value();
        if (!(value instanceof YamlNode.Scalar scalar)) {
            throw fail(value, where + ": " + entry.key() + " must be " + expected + ", not " + value.description());
        }
        if (scalar.text() == null) {
            throw fail(value, where + ": " + entry.key() + " has no value (expected " + expected + ")");
        }
        return scalar.text();
    }

    /** One of a few words, e.g. restart: no | on-failure | always. */
    String word(YamlNode.Entry entry, String where, List<String> words, String what) throws ProjectFileException {
        String text = text(entry, where, "one of " + String.join(", ", words));
        if (!words.contains(text)) {
            throw fail(entry.value(), where + ": unknown " + what + " '" + text + "'" + Names.didYouMean(text, words)
                    + " (expected one of " + String.join(", ", words) + ")");
        }
        return text;
    }

    /** A switch: {@code true} or {@code false} only (YAML 1.1's yes/no/on/off are refused, they read differently). */
    boolean flag(YamlNode.Entry entry, String where) throws ProjectFileException {
        return word(entry, where, List.of("true", "false"), entry.key()).equals("true");
    }

    /** {@code replicas: N}: how many copies of a service, 1 to {@link dev.tend.daemon.core.Replicas#MAX}. */
    int replicas(YamlNode.Entry entry, String where) throws ProjectFileException {
        int count = count(entry, where);
        String problem = dev.tend.daemon.core.Replicas.problem(count);
        if (problem != null) {
            throw fail(entry.value(), where + ": " + problem);
        }
        return count;
    }

    /**
     * {@code success_exit_codes}: one exit value or a list of them, each 0 to 255 (a death by signal N is 128+N, as
     * the shell reports it). 0 always counts, as in process-compose: a program that says it succeeded did.
     */
    java.util.Set<Integer> exitCodes(YamlNode.Entry entry, String where) throws ProjectFileException {
        List<YamlNode> items = entry.value() instanceof YamlNode.Sequence list ? list.items() : List.of(entry.value());
        if (items.isEmpty()) {
            throw fail(entry.value(), where + ": " + entry.key() + " is empty; list at least one exit code (0 is "
                    + "the default)");
        }
        java.util.Set<Integer> codes = new java.util.LinkedHashSet<>(List.of(0));
        for (YamlNode item : items) {
            String text = item instanceof YamlNode.Scalar s ? s.text() : null;
            boolean number = item instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NUMBER
                    && text.matches("[0-9]{1,3}");
            if (!number || Integer.parseInt(text) > 255) {
                throw fail(item, where + ": " + entry.key() + " takes exit codes from 0 to 255, not '"
                        + (text == null ? "a " + (item instanceof YamlNode.Mapping ? "map" : "list") : text) + "'");
            }
            codes.add(Integer.parseInt(text));
        }
        return codes;
    }

    /**
     * {@code description:} (one line of text) and {@code namespace:} (a name as service names are, or a list of them)
     * of a service or process.
     */
    dev.tend.daemon.core.ServiceLabels labels(YamlNode.Mapping map, String where) throws ProjectFileException {
        YamlNode.Entry d = find(map, "description");
        YamlNode.Entry n = find(map, "namespace");
        String description = d == null ? null : text(d, where, "one line of text");
        if (description != null && (description.contains("\n") || description.length() > 500)) {
            throw fail(d.value(), where + ": description must be one line of at most 500 characters");
        }
        List<YamlNode> names = n == null ? List.of()
                : n.value() instanceof YamlNode.Sequence list ? list.items() : List.of(n.value());
        List<String> namespaces = new java.util.ArrayList<>();
        for (YamlNode item : names) {
            String name = item instanceof YamlNode.Scalar s ? s.text() : null;
            if (name == null || !NameRule.isValid(name)) {
                throw fail(item, where + ": bad namespace '" + (name == null ? "a map or list" : name) + "': "
                        + NameRule.rule());
            }
            namespaces.add(name);
        }
        return description == null && namespaces.isEmpty() ? dev.tend.daemon.core.ServiceLabels.NONE
                : new dev.tend.daemon.core.ServiceLabels(description, namespaces);
    }

    /** A whole number, zero or more. */
    int count(YamlNode.Entry entry, String where) throws ProjectFileException {
        String text = text(entry, where, "a whole number");
        boolean number = entry.value() instanceof YamlNode.Scalar s && s.type() == YamlNode.Scalar.Type.NUMBER;
        int value;
        try {
            value = number ? Integer.parseInt(text) : -1;
        } catch (NumberFormatException e) {
            number = false;
            value = -1;
        }
        if (!number) {
            throw fail(entry.value(), where + ": " + entry.key() + " must be a whole number, not '" + text + "'");
        }
        if (value < 0) {
            throw fail(entry.value(), where + ": " + entry.key() + " cannot be negative (" + text + ")");
        }
        return value;
    }

    Duration duration(YamlNode.Entry entry, String where, boolean positive) throws ProjectFileException {
        String text = text(entry, where, "a duration like 10s");
        Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw fail(entry.value(), where + ": " + entry.key() + ": " + e.getMessage());
        }
        if (positive && duration.isZero()) {
            throw fail(entry.value(), where + ": " + entry.key() + " must be more than zero");
        }
        return duration;
    }

    /** A project name. */
    String name(YamlNode node, String what) throws ProjectFileException {
        if (!(node instanceof YamlNode.Scalar scalar) || scalar.text() == null) {
            throw fail(node, what + " must be a name, not " + node.description());
        }
        if (!NameRule.isValid(scalar.text())) {
            throw fail(node, "bad " + what + " name '" + scalar.text() + "': " + NameRule.rule());
        }
        return scalar.text();
    }

    /** @return the port 1..65535 the text names, or -1 */
    static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : -1;
    }
}
