package dev.tend.cli;

import dev.tend.protocol.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start an ad-hoc service (project 'adhoc'), kept across daemon restarts until `tend rm`.")
final class RunCommand extends TendSubcommand {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The service's name.")
    String name;

    @Option(names = "--restart", paramLabel = "POLICY", defaultValue = "on-failure",
            description = "no, on-failure or always (default ${DEFAULT-VALUE}).")
    String restart;

    @Mixin
    ProcessOptions process;

    @Option(names = "--json", description = "Print the started service as one JSON object.")
    boolean json;

    @Parameters(paramLabel = "CMD", arity = "1..*", description = "The command and its arguments (after --).")
    List<String> command;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("command", ShellWords.join(command));
        process.addTo(params);
        params.put("restart", restart);
        printAnswer(json, call(Methods.SERVICE_RUN, params), RunCommand::said);
        return ExitCode.OK;
    }

    /** "adhoc/x: started (running, pid 42)"; without a process left (a quick task's end) no pid 0. */
    static String said(Map<String, Object> s) {
        boolean running = s.get("pid") instanceof Number pid && pid.longValue() > 0;
        return "adhoc/" + s.get("name") + ": started (" + PsTable.state(s) + (running ? ", pid " + s.get("pid") : "")
                + ")";
    }
}
