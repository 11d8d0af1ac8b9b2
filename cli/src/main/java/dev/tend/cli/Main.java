package dev.tend.cli;

import picocli.CommandLine;

/** Entry point of the `tend` CLI. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        CommandLine cl = CommandModel.forArgs(args);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            CliException c = Errors.map(ex);
            commandLine.getErr().println("tend: " + c.getMessage());
            return c.exitCode();
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("tend: " + ex.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr())) {
                c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return ExitCode.USAGE;
        });
        int code = cl.execute(args);
        cl.getOut().flush();
        cl.getErr().flush();
        return code;
    }
}
