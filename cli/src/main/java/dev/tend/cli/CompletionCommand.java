package dev.tend.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script.",
                "bash: source <(tend completion bash)",
                "zsh:  source <(tend completion zsh)"})
final class CompletionCommand extends TendSubcommand {
    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    String shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("tend", CommandModel.full());
        switch (shell) {
            case "bash" -> out().print(script);
            // zsh runs bash completion scripts through bashcompinit
            case "zsh" -> out().print("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script);
            default -> throw new CliException(ExitCode.USAGE, "unknown shell '" + shell + "': use bash or zsh");
        }
        return ExitCode.OK;
    }
}
