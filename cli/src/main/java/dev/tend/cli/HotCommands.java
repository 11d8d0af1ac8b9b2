package dev.tend.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ScopeType;

import java.util.List;
import java.util.function.Consumer;

/**
 * picocli's model of the commands run most (ps, start, stop, restart, logs), built with its programmatic API.
 * Reading the annotations costs a warm {@code tend ps} ~40 ms of CPU (annotation proxies are generated
 * classes, and picocli reflects over every field and method); this costs a few. The annotated classes stay the
 * definition: this model has no help texts, so {@link Main} gives help, version and every usage error to the
 * annotation model, which says exactly what it always said. An option added to one of these commands is added
 * here too: HotCommandsTest fails until both models take the same options and parameters into the same fields.
 */
final class HotCommands {
    private HotCommands() {
    }

    /** The model for these arguments, or null when their command is not one of these (or there is none). */
    static CommandLine forArgs(String[] args) {
        String word = CommandModel.firstCommandWord(args);
        if (word == null) {
            return null;
        }
        CommandSpec sub = switch (word) {
            case "ps" -> ps(new PsCommand());
            case "start" -> serviceAction(new StartCommand(), "start");
            case "stop" -> serviceAction(new StopCommand(), "stop");
            case "restart" -> restart(new RestartCommand());
            case "logs" -> logs(new LogsCommand());
            default -> null;
        };
        if (sub == null) {
            return null;
        }
        CommandLine cl = new CommandLine(root(new TendCommand()));
        cl.addSubcommand(new CommandLine(helpOptions(sub)));
        return cl;
    }

    static CommandSpec root(TendCommand c) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(c).name("tend");
        spec.addOption(option(v -> c.instance = (String) v, String.class, null, "--instance").scopeType(ScopeType.INHERIT)
                .paramLabel("NAME").build());
        spec.addOption(option(v -> c.daemonTimeout = (String) v, String.class, null, "--daemon-timeout")
                .scopeType(ScopeType.INHERIT).paramLabel("SECONDS").build());
        spec.addOption(flag(v -> c.noColor = (Boolean) v, "--no-color").scopeType(ScopeType.INHERIT).build());
        spec.addOption(flag(v -> c.quiet = (Boolean) v, "-q", "--quiet").scopeType(ScopeType.INHERIT).build());
        c.spec = spec;
        return helpOptions(spec);
    }

    static CommandSpec ps(PsCommand c) {
        CommandSpec spec = command(c, "ps");
        spec.addOption(flag(v -> c.all = (Boolean) v, "-a", "--all").build());
        spec.addOption(flag(v -> c.json = (Boolean) v, "--json").build());
        spec.addOption(option(v -> c.namespace = (String) v, String.class, null, "--namespace").paramLabel("NAME").build());
        return spec;
    }

    static CommandSpec serviceAction(ServiceRefsAction c, String name) {
        CommandSpec spec = command(c, name);
        spec.addOption(flag(v -> c.json = (Boolean) v, "--json").build());
        spec.addPositional(refs(v -> c.refs = v, null).arity("1..*").required(true).build());
        return spec;
    }

    static CommandSpec restart(RestartCommand c) {
        CommandSpec spec = serviceAction(c, "restart");
        spec.addOption(flag(v -> c.rolling = (Boolean) v, "--rolling").build());
        return spec;
    }

    static CommandSpec logs(LogsCommand c) {
        CommandSpec spec = command(c, "logs");
        spec.addPositional(refs(v -> c.refs = v, c.refs).arity("0..*").build());
        spec.addOption(flag(v -> c.all = (Boolean) v, "-a", "--all").build());
        spec.addOption(option(v -> c.lines = (Integer) v, int.class, 0, "-n", "--lines").paramLabel("N").defaultValue("100").build());
        spec.addOption(option(v -> c.since = (String) v, String.class, null, "--since").paramLabel("WHEN").build());
        spec.addOption(option(v -> c.until = (String) v, String.class, null, "--until").paramLabel("WHEN").build());
        spec.addOption(option(v -> c.stream.name = (String) v, String.class, null, "--stream").paramLabel("out|err").build());
        spec.addOption(flag(v -> c.follow = (Boolean) v, "-f", "--follow").build());
        spec.addOption(flag(v -> c.fullTime = (Boolean) v, "--full-time").build());
        spec.addOption(flag(v -> c.json = (Boolean) v, "--json").build());
        return spec;
    }

    private static CommandSpec command(TendSubcommand c, String name) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(c).name(name);
        c.spec = spec;
        return spec;
    }

    /** -h and -V (after the command's own options, as picocli adds them) only so that Main sees they were asked for. */
    private static CommandSpec helpOptions(CommandSpec spec) {
        spec.addOption(flag(v -> { }, "-h", "--help").usageHelp(true).build());
        spec.addOption(flag(v -> { }, "-V", "--version").versionHelp(true).build());
        return spec;
    }

    private static OptionSpec.Builder flag(Consumer<Object> field, String... names) {
        return option(field, boolean.class, false, names);
    }

    private static OptionSpec.Builder option(Consumer<Object> field, Class<?> type, Object initial, String... names) {
        Binding b = new Binding(initial, field);
        return OptionSpec.builder(names).type(type).initialValue(initial).hasInitialValue(true).getter(b).setter(b);
    }

    @SuppressWarnings("unchecked")
    private static PositionalParamSpec.Builder refs(Consumer<List<String>> field, List<String> initial) {
        Binding b = new Binding(initial, v -> field.accept((List<String>) v));
        return PositionalParamSpec.builder().index("0..*").type(List.class).auxiliaryTypes(String.class).paramLabel("REF")
                .initialValue(initial).hasInitialValue(true).getter(b).setter(b);
    }

    /** Hands a parsed value to the command's field; picocli's ISetter has a generic method, so no lambda can be one. */
    private static final class Binding implements IGetter, ISetter {
        private final Consumer<Object> field;
        private Object value;

        Binding(Object initial, Consumer<Object> field) {
            this.value = initial;
            this.field = field;
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T get() {
            return (T) value;
        }

        @SuppressWarnings("unchecked")
        @Override
        public <T> T set(T newValue) {
            Object old = value;
            value = newValue;
            field.accept(newValue);
            return (T) old;
        }
    }
}
