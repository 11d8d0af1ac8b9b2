package dev.tend.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The options several commands share come from one mixin each and mean the same everywhere. */
class SharedOptionsTest {

    private static Object command(String... args) {
        CommandLine.ParseResult r = CommandModel.forArgs(args).parseArgs(args);
        return r.subcommand().commandSpec().userObject();
    }

    @Test
    void projectOptionsNameAProjectOrAFileAlikeForDownForgetAndReload() {
        Path file = Path.of("/srv/shop/tend.yaml");
        assertEquals(Map.of("project", "shop"), ((DownCommand) command("down", "-p", "shop")).scope.params());
        assertEquals(Map.of("dir", "/srv/shop"), ((ForgetCommand) command("forget", "--file", file.toString())).scope.params());
        assertEquals(Map.of("project", "shop"), ((ReloadCommand) command("reload", "--project=shop")).scope.params());
        assertEquals(Map.of("dir", TendSubcommand.cwd()), ((ReloadCommand) command("reload")).scope.params());
    }

    @Test
    void processOptionsGiveAnAbsoluteCwdAndTheShellsEnvironmentWithEachEOnTop() {
        RunCommand run = (RunCommand) command("run", "--name", "x", "--cwd", "/tmp/../srv", "-e", "A=1", "-e", "PATH=/x",
                "--", "true");
        String[] jobAdd = {"job", "add", "x", "--schedule", "@daily", "--cwd", "/tmp/../srv", "-e", "A=1", "-e", "PATH=/x",
                "--", "true"};
        JobAddCommand job = (JobAddCommand) CommandModel.forArgs(jobAdd).parseArgs(jobAdd).subcommand().subcommand()
                .commandSpec().userObject();
        for (ProcessOptions process : List.of(run.process, job.process)) {
            Map<String, Object> params = new LinkedHashMap<>();
            process.addTo(params);
            assertEquals("/srv", params.get("cwd"));
            @SuppressWarnings("unchecked")
            Map<String, String> env = (Map<String, String>) params.get("env");
            assertEquals("1", env.get("A"));
            assertEquals("/x", env.get("PATH"));
            assertEquals(System.getenv().size() + (System.getenv().containsKey("A") ? 0 : 1), env.size());
        }
    }
}
