package dev.tend.cli;

import dev.tend.client.RpcClient;
import picocli.CommandLine;

/** Entry point of the `tend` CLI. */
public final class Main {
    /**
     * picocli registers a converter for each java.sql and java.time type with every CommandLine, initialising a
     * dozen of their classes (~3.5 ms of a warm `tend ps`); no tend option has such a type (CommandModelTest).
     */
    static final String CONVERTER_EXCLUDES = "java\\.(sql|time)\\..*";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        RpcClient.prepareInBackground(); // on the second core while picocli builds its model
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", CONVERTER_EXCLUDES);
        }
        CommandLine hot = HotCommands.forArgs(args);
        CommandLine cl = hot != null && parsesWithoutHelp(hot, args) ? hot : CommandModel.forArgs(args);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            CliException c = Errors.map(ex);
            if (c.getMessage() != null) {
                commandLine.getErr().println("tend: " + c.getMessage());
            }
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
        if (OutputWatch.failed(cl.getOut()) && code == ExitCode.OK) { // what was printed is not all there
            CliException failed = Errors.outputFailed();
            if (failed.getMessage() != null) {
                cl.getErr().println("tend: " + failed.getMessage());
            }
            code = failed.exitCode();
        }
        cl.getErr().flush();
        return code;
    }

    /**
     * Whether the hand-built model takes these arguments as they are. It has no help texts, so help, version and
     * usage errors (whose messages list options and suggest words) are the annotation model's. Parsing here and
     * again in execute() costs microseconds, and nothing has run yet when it fails.
     */
    private static boolean parsesWithoutHelp(CommandLine hot, String[] args) {
        try {
            for (CommandLine c : hot.parseArgs(args).asCommandLineList()) {
                if (c.isUsageHelpRequested() || c.isVersionHelpRequested()) {
                    return false;
                }
            }
            return true;
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }
}
