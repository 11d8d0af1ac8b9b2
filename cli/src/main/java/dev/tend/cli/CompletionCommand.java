package dev.tend.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script (commands, options, names of services, jobs, projects).",
                "Names come from the running daemon; without one only commands and options complete.",
                "bash: source <(tend completion bash)",
                "zsh:  source <(tend completion zsh)",
                "fish: tend completion fish | source"})
final class CompletionCommand extends TendSubcommand {
    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish")
    String shell;

    @Override
    public Integer call() {
        CommandLine tend = CommandModel.full();
        String script = switch (shell) {
            case "bash" -> CompletionScripts.bash(tend);
            case "zsh" -> CompletionScripts.zsh(tend);
            case "fish" -> CompletionScripts.fish(tend);
            default -> throw new CliException(ExitCode.USAGE, "unknown shell '" + shell + "': use bash, zsh or fish");
        };
        out().print(script);
        return ExitCode.OK;
    }
}
