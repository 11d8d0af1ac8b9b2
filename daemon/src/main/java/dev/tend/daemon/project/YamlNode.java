package dev.tend.daemon.project;

import java.util.List;

/** A parsed YAML value that remembers where it was written, so every complaint can name its line. */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    int line();

    int column();

    /** "a map", "a list", "a number"...: for "must be X, not Y" messages. */
    String description();

    /** A key with the position of the key itself (where "unknown key" points) and its value. */
    record Entry(String key, int line, int column, YamlNode value) {
    }

    record Mapping(List<Entry> entries, int line, int column) implements YamlNode {
        @Override
        public String description() {
            return "a map";
        }
    }

    record Sequence(List<YamlNode> items, int line, int column) implements YamlNode {
        @Override
        public String description() {
            return "a list";
        }
    }

    /** A scalar with its source text ("no", "0x1F", "8080") whatever type YAML gives it. */
    record Scalar(String text, Type type, int line, int column) implements YamlNode {

        enum Type { STRING, NUMBER, BOOLEAN, NULL }

        @Override
        public String description() {
            return switch (type) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
            };
        }
    }
}
