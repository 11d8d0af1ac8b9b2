package dev.tend.daemon.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * process-compose's {@code vars:} (top level, then the process's, which win) put into the fields process-compose
 * renders as Go templates: command, working_dir, environment values, and the probes' exec command and http_get
 * parts. Of the template language only {@code {{.NAME}}} is understood; anything else between braces, or a name
 * no vars: gives, is refused with its line (process-compose would run "<no value>" in its place).
 * {@code is_template_disabled: true} leaves the command as written.
 */
final class ProcessVars {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern NAME = Pattern.compile("\\s*\\.([A-Za-z_][A-Za-z0-9_]*)\\s*");
    private static final Set<String> RENDERED = Set.of("command", "working_dir", "environment");
    private static final Set<String> PROBES = Set.of("readiness_probe", "liveness_probe");

    private final Values values;
    private final Map<String, String> vars;
    private final String where;

    private ProcessVars(Values values, Map<String, String> vars, String where) {
        this.values = values;
        this.vars = vars;
        this.where = where;
    }

    /** A map of vars: NAME: scalar, as text. */
    static Map<String, String> read(Values values, YamlNode.Entry e, String where) throws ProjectFileException {
        Map<String, String> out = new LinkedHashMap<>();
        if (Values.isNull(e.value())) {
            return out;
        }
        for (YamlNode.Entry v : values.mapping(e.value(), where + ": vars", "a map of NAME: value").entries()) {
            out.put(v.key(), values.text(v, where + ": vars", "a value"));
        }
        return out;
    }

    /** The process's settings with its templates filled in. */
    static YamlNode.Mapping render(Values values, YamlNode.Mapping process, Map<String, String> vars, String where)
            throws ProjectFileException {
        ProcessVars r = new ProcessVars(values, vars, where);
        // is_template_disabled: the command is taken as written (it may hold braces of its own, as docker --format)
        YamlNode.Entry off = Values.find(process, "is_template_disabled");
        boolean commandAsWritten = off != null && "true".equals(values.text(off, where, "true or false"));
        List<YamlNode.Entry> out = new ArrayList<>();
        for (YamlNode.Entry e : process.entries()) {
            boolean render = RENDERED.contains(e.key()) && !(commandAsWritten && e.key().equals("command"));
            YamlNode value = render ? r.all(e.value())
                    : PROBES.contains(e.key()) ? r.probe(e.value()) : e.value();
            out.add(new YamlNode.Entry(e.key(), e.line(), e.column(), value));
        }
        return new YamlNode.Mapping(out, process.line(), process.column());
    }

    /** exec.command and every http_get part. */
    private YamlNode probe(YamlNode node) throws ProjectFileException {
        if (!(node instanceof YamlNode.Mapping m)) {
            return node;
        }
        List<YamlNode.Entry> out = new ArrayList<>();
        for (YamlNode.Entry e : m.entries()) {
            YamlNode value = e.key().equals("exec") || e.key().equals("http_get") ? all(e.value()) : e.value();
            out.add(new YamlNode.Entry(e.key(), e.line(), e.column(), value));
        }
        return new YamlNode.Mapping(out, m.line(), m.column());
    }

    /** Every string below the node. */
    private YamlNode all(YamlNode node) throws ProjectFileException {
        if (node instanceof YamlNode.Scalar s && s.text() != null && s.text().contains("{{")) {
            return new YamlNode.Scalar(text(s), s.type(), s.line(), s.column());
        }
        if (node instanceof YamlNode.Sequence q) {
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : q.items()) {
                items.add(all(item));
            }
            return new YamlNode.Sequence(items, q.line(), q.column());
        }
        if (node instanceof YamlNode.Mapping m) {
            List<YamlNode.Entry> out = new ArrayList<>();
            for (YamlNode.Entry e : m.entries()) {
                out.add(new YamlNode.Entry(e.key(), e.line(), e.column(), all(e.value())));
            }
            return new YamlNode.Mapping(out, m.line(), m.column());
        }
        return node;
    }

    private String text(YamlNode.Scalar s) throws ProjectFileException {
        Matcher t = TEMPLATE.matcher(s.text());
        StringBuilder out = new StringBuilder();
        while (t.find()) {
            Matcher name = NAME.matcher(t.group(1));
            if (!name.matches()) {
                throw values.fail(s, where + ": '" + t.group() + "' is a template tend does not understand "
                        + "(only {{.NAME}} of vars:)");
            }
            String value = vars.get(name.group(1));
            if (value == null) {
                throw values.fail(s, where + ": '" + t.group() + "' names no var (vars: "
                        + (vars.isEmpty() ? "none" : String.join(", ", vars.keySet())) + ")");
            }
            t.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        t.appendTail(out);
        return out.toString();
    }
}
