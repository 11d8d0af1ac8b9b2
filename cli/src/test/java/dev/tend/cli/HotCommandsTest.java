package dev.tend.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-built model of the hot commands takes exactly what their annotations declare, into the same fields. */
class HotCommandsTest {
    private static final List<String> HOT = List.of("ps", "start", "stop", "restart", "logs");

    @Test
    void onlyTheHotCommandsAreHandBuilt() {
        for (String name : HOT) {
            assertNotNull(HotCommands.forArgs(new String[] {"-q", name}), name);
        }
        assertNull(HotCommands.forArgs(new String[] {"up"}));
        assertNull(HotCommands.forArgs(new String[] {"--help"}));
        assertNull(HotCommands.forArgs(new String[0]));
    }

    @Test
    void eachHotCommandDeclaresWhatItsAnnotationsDeclare() {
        for (String name : HOT) {
            CommandLine annotated = CommandModel.forArgs(new String[] {name});
            CommandLine hand = HotCommands.forArgs(new String[] {name});
            assertEquals(describe(annotated.getCommandSpec()), describe(hand.getCommandSpec()), "tend");
            assertEquals(describe(annotated.getSubcommands().get(name).getCommandSpec()),
                    describe(hand.getSubcommands().get(name).getCommandSpec()), name);
        }
    }

    @Test
    void bothModelsSetTheSameFields() throws Exception {
        String[][] runs = {
                {"ps"},
                {"ps", "-a", "--json"},
                {"--instance", "x", "-q", "ps", "--no-color", "--all"},
                {"ps", "--instance=y", "--quiet"},
                {"start", "web"},
                {"stop", "--json", "a/web", "db"},
                {"restart", "web", "--instance", "z"},
                {"logs"},
                {"logs", "-n", "5", "--since", "10m", "--stream", "err", "-f", "--json", "a", "b"},
                {"logs", "--lines=0", "web", "--follow"},
                {"logs", "-a", "--since", "2026-12-04", "--until", "17:00", "--full-time"},
        };
        for (String[] args : runs) {
            CommandLine hand = HotCommands.forArgs(args);
            hand.parseArgs(args); // Main parses once to decide, and execute() parses again
            assertEquals(fields(CommandModel.forArgs(args), args), fields(hand, args), String.join(" ", args));
        }
    }

    /** Everything about a command's options and parameters that parsing depends on (help texts are not in it). */
    private static List<String> describe(CommandSpec spec) {
        List<String> d = new ArrayList<>();
        d.add("name " + spec.name());
        for (OptionSpec o : spec.options()) {
            d.add("option " + Arrays.toString(o.names()) + " " + arg(o) + " usageHelp=" + o.usageHelp() + " versionHelp="
                    + o.versionHelp() + " negatable=" + o.negatable() + " fallback=" + o.fallbackValue() + " order=" + o.order());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            d.add("positional " + p.index() + " " + arg(p));
        }
        d.add("unmatched " + spec.unmatchedArgsBindings().size() + " parser " + spec.parser());
        return d;
    }

    /** A flag's label (its field's name) appears nowhere: only an argument that takes a value shows one. */
    private static String arg(ArgSpec a) {
        String label = a.arity().max() == 0 ? "" : " label=" + a.paramLabel();
        return "arity=" + a.arity() + " type=" + a.type() + " aux=" + Arrays.toString(a.auxiliaryTypes()) + label
                + " default=" + a.defaultValue() + " initial=" + a.initialValue() + " hasInitial="
                + a.hasInitialValue() + " required=" + a.required() + " scope=" + a.scopeType() + " inherited="
                + a.inherited() + " split=" + a.splitRegex() + " hidden=" + a.hidden() + " interactive=" + a.interactive();
    }

    /** The parsed values in the root's and the command's fields (and their mixins' fields), by field name. */
    private static Map<String, Object> fields(CommandLine cl, String[] args) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (CommandLine c : cl.parseArgs(args).asCommandLineList()) {
            fields(c.getCommand(), "", values);
        }
        return values;
    }

    private static void fields(Object object, String prefix, Map<String, Object> values) throws IllegalAccessException {
        for (Class<?> k = object.getClass(); k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) && !f.getName().equals("spec")) {
                    f.setAccessible(true);
                    String name = prefix + k.getSimpleName() + "." + f.getName();
                    if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                        fields(f.get(object), name + ": ", values);
                    } else {
                        values.put(name, f.get(object));
                    }
                }
            }
        }
    }
}
