package dev.tend.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove ad-hoc jobs (a run under way finishes).")
final class JobRmCommand extends TendSubcommand {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "name or adhoc/name")
    List<String> names;

    @Override
    public Integer call() throws Exception {
        for (String name : names) {
            Map<String, Object> r = call("job.remove", Map.of("ref", name));
            info(r.get("removed") + ": removed");
        }
        return ExitCode.OK;
    }
}
