package dev.tend.daemon.project;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into {@link YamlNode}s with positions, refusing what Jackson would let through
 * silently: duplicate keys, aliases (Jackson hands back the alias name as a string), several documents.
 */
final class YamlTreeReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final Path file;
    private String[] sourceLines;
    private YAMLParser parser;

    private YamlTreeReader(Path file) {
        this.file = file;
    }

    /** @return the root node, or null for a file with no content (only comments, or nothing) */
    static YamlNode read(Path file, String text) throws ProjectFileException {
        return new YamlTreeReader(file).readDocument(text);
    }

    private YamlNode readDocument(String text) throws ProjectFileException {
        sourceLines = text.split("\\r?\\n", -1);
        try (YAMLParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            YamlNode root = readValue(first);
            if (p.nextToken() != null) {
                throw fail(p.currentTokenLocation(), "a second YAML document ('---') is not allowed; "
                        + "put everything in one document");
            }
            return root;
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException marked) {
                throw syntaxError(marked);
            }
            String problem = e.getOriginalMessage();
            if (problem != null && problem.startsWith("Expected a field name")) {
                problem = "map keys must be plain words, not lists or maps";
            }
            throw fail(e.getLocation(), "YAML syntax error: " + oneLine(problem));
        } catch (IOException e) {
            throw new ProjectFileException(file, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private YamlNode readValue(JsonToken token) throws IOException, ProjectFileException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        if (parser.isCurrentAlias()) {
            throw new ProjectFileException(file, line, column, "YAML aliases (*" + parser.getText()
                    + ") are not supported; write the value out");
        }
        return switch (token) {
            case START_OBJECT -> readMapping(line, column);
            case START_ARRAY -> readSequence(line, column);
            case VALUE_STRING -> isOmitted(parser.getText(), line, column)
                    ? new YamlNode.Scalar(null, YamlNode.Scalar.Type.NULL, line, column)
                    : new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Type.STRING, line, column);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Type.NUMBER, line, column);
            case VALUE_TRUE, VALUE_FALSE ->
                    new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Type.BOOLEAN, line, column);
            case VALUE_NULL -> new YamlNode.Scalar(null, YamlNode.Scalar.Type.NULL, line, column);
            default -> throw new ProjectFileException(file, line, column,
                    "unsupported YAML value (" + token + "); use plain strings, numbers, lists and maps");
        };
    }

    /**
     * YAML reads "key:" with nothing after it as null, Jackson as ""; only a quoted "" is an empty string.
     * Jackson does not expose the scalar's style, so look at the source where the value starts.
     */
    private boolean isOmitted(String text, int line, int column) {
        if (!text.isEmpty()) {
            return false;
        }
        if (line < 1 || line > sourceLines.length) {
            return true;
        }
        String source = sourceLines[line - 1];
        char first = column >= 1 && column <= source.length() ? source.charAt(column - 1) : ' ';
        return first != '"' && first != '\'';
    }

    private YamlNode.Mapping readMapping(int line, int column) throws IOException, ProjectFileException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, Integer> firstLineOfKey = new HashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            // FIELD_NAME is all a YAML map may hold here; Jackson reports anything else itself
            JsonLocation keyAt = parser.currentTokenLocation();
            String key = parser.currentName();
            Integer first = firstLineOfKey.putIfAbsent(key, keyAt.getLineNr());
            if (first != null) {
                throw new ProjectFileException(file, keyAt.getLineNr(), keyAt.getColumnNr(),
                        "duplicate key " + (Values.looksLikeAKey(key) ? "'" + key + "' " : "") + "(first at line "
                                + first + ")");
            }
            YamlNode value = readValue(parser.nextToken());
            entries.add(new YamlNode.Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
        }
        return new YamlNode.Mapping(List.copyOf(entries), line, column);
    }

    private YamlNode.Sequence readSequence(int line, int column) throws IOException, ProjectFileException {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(readValue(token));
        }
        return new YamlNode.Sequence(List.copyOf(items), line, column);
    }

    private ProjectFileException syntaxError(MarkedYAMLException e) {
        StringBuilder reason = new StringBuilder("YAML syntax error: ").append(oneLine(e.getProblem()));
        if (e.getContext() != null && e.getContextMark() != null) {
            reason.append(" (").append(oneLine(e.getContext())).append(" at line ")
                    .append(e.getContextMark().getLine() + 1).append(')');
        }
        Mark mark = e.getProblemMark();
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        return new ProjectFileException(file, line, column, reason.toString());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").trim();
    }

    private ProjectFileException fail(JsonLocation at, String reason) {
        int line = at == null ? 0 : Math.max(0, at.getLineNr());
        int column = at == null ? 0 : Math.max(0, at.getColumnNr());
        return new ProjectFileException(file, line, column, reason);
    }
}
