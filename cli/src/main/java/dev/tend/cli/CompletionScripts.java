package dev.tend.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completion scripts from the picocli model, so a new command or option completes without touching this.
 * Service and project names come from the running daemon through the hidden `tend __complete`, which
 * prints nothing (and starts nothing) when no daemon runs.
 */
final class CompletionScripts {
    /** Commands whose positional arguments are services. */
    static final List<String> SERVICE_COMMANDS = List.of("up", "down", "start", "stop", "restart", "signal", "scale",
            "logs", "history", "rm");
    /** Subcommands of `job` whose argument is a job. */
    static final List<String> JOB_COMMANDS = List.of("run", "pause", "resume", "history", "logs", "rm");
    /** Options whose value is a project name. */
    static final List<String> PROJECT_OPTIONS = List.of("-p", "--project");

    private CompletionScripts() {
    }

    /** picocli's bash script, wrapped so service and project names come from the daemon. */
    static String bash(CommandLine tend) {
        String commands = String.join("|", SERVICE_COMMANDS);
        String projectOptions = String.join("|", PROJECT_OPTIONS);
        return AutoComplete.bash("tend", tend) + """

                # tend: names of services and projects from the running daemon (none when no daemon runs)
                _tend_names() {
                  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="" i
                  local sub=""
                  for ((i = 1; i < COMP_CWORD; i++)); do
                    case "${COMP_WORDS[i]}" in
                      --instance) ((i++)) ;;
                      -*) ;;
                      *) if [[ -z $cmd ]]; then cmd="${COMP_WORDS[i]}"; elif [[ -z $sub ]]; then sub="${COMP_WORDS[i]}"; fi ;;
                    esac
                  done
                  local what=""
                  case "$prev" in
                    %s) what=projects ;;
                  esac
                  if [[ -z $what && $cur != -* ]]; then
                    case "$cmd" in
                      %s) what=services ;;
                      job) case "$sub" in %s) what=jobs ;; esac ;;
                    esac
                  fi
                  if [[ -n $what ]]; then
                    local IFS=$'\\n'
                    COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" __complete "$what" 2>/dev/null)" -- "$cur") )
                    [[ ${#COMPREPLY[@]} -gt 0 ]] && return 0
                  fi
                  _complete_tend "$@"
                }
                complete -F _tend_names -o default tend
                """.formatted(projectOptions, commands, String.join("|", JOB_COMMANDS));
    }

    /** zsh runs the bash script through bashcompinit. */
    static String zsh(CommandLine tend) {
        return "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + bash(tend);
    }

    /** A fish script: commands with their descriptions, each command's options, and names from the daemon. */
    static String fish(CommandLine tend) {
        StringBuilder f = new StringBuilder("# fish completion for tend, generated from its commands\n");
        f.append("complete -c tend -f\n");
        options(f, tend.getCommandSpec(), "true", true);
        List<String> top = visible(tend);
        f.append("set -l __tend_commands ").append(String.join(" ", top)).append('\n');
        for (Map.Entry<String, CommandLine> e : tend.getSubcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (sub.usageMessage().hidden()) {
                continue;
            }
            f.append("complete -c tend -n \"not __fish_seen_subcommand_from $__tend_commands\" -a ")
                    .append(e.getKey()).append(" -d ").append(quote(description(sub))).append('\n');
            String seen = "__fish_seen_subcommand_from " + e.getKey();
            options(f, sub, seen, false);
            List<String> nested = visible(e.getValue());
            for (String n : nested) {
                CommandSpec nestedSpec = e.getValue().getSubcommands().get(n).getCommandSpec();
                f.append("complete -c tend -n \"").append(seen).append("; and not __fish_seen_subcommand_from ")
                        .append(String.join(" ", nested)).append("\" -a ").append(n).append(" -d ")
                        .append(quote(description(nestedSpec))).append('\n');
                options(f, nestedSpec, seen + "; and __fish_seen_subcommand_from " + n, false);
            }
        }
        f.append("complete -c tend -n \"__fish_seen_subcommand_from ").append(String.join(" ", SERVICE_COMMANDS))
                .append("; and not __fish_seen_subcommand_from job\" -a \"(tend __complete services 2>/dev/null)\"\n");
        f.append("complete -c tend -n \"__fish_seen_subcommand_from job; and __fish_seen_subcommand_from ")
                .append(String.join(" ", JOB_COMMANDS)).append("\" -a \"(tend __complete jobs 2>/dev/null)\"\n");
        for (String o : PROJECT_OPTIONS) {
            if (o.startsWith("--")) {
                f.append("complete -c tend -l ").append(o.substring(2))
                        .append(" -x -a \"(tend __complete projects 2>/dev/null)\"\n");
            }
        }
        return f.toString();
    }

    private static List<String> visible(CommandLine cl) {
        List<String> names = new ArrayList<>();
        cl.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                names.add(name);
            }
        });
        return names;
    }

    private static void options(StringBuilder f, CommandSpec spec, String condition, boolean root) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden() || (!root && o.inherited())) {
                continue;
            }
            f.append("complete -c tend -n \"").append(condition).append('"');
            for (String name : o.names()) {
                if (name.startsWith("--")) {
                    f.append(" -l ").append(name.substring(2));
                } else if (name.startsWith("-") && name.length() == 2) {
                    f.append(" -s ").append(name.charAt(1));
                }
            }
            if (o.arity().max() > 0 && !o.type().equals(boolean.class) && !o.type().equals(Boolean.class)) {
                // auxiliaryTypes: the element type of a repeatable option (-f FILE -f FILE), else the type itself
                f.append(o.auxiliaryTypes()[0].equals(java.nio.file.Path.class) ? " -r -F" : " -r");
            }
            String[] d = o.description();
            if (d.length > 0) {
                f.append(" -d ").append(quote(d[0].replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))));
            }
            f.append('\n');
        }
    }

    private static String description(CommandSpec spec) {
        String[] d = spec.usageMessage().description();
        return d.length == 0 ? "" : d[0];
    }

    /** A fish single-quoted string. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static final Set<String> SHELLS = Set.of("bash", "zsh", "fish");
}
