package dev.tend.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionScriptsTest {

    private static CommandLine tend() {
        return CommandModel.full();
    }

    @Test
    void bashScriptIsValidBash(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("tend.bash");
        Files.writeString(script, CompletionScripts.bash(tend()));
        Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
    }

    @Test
    void bashAsksTheDaemonForServiceNamesAfterServiceCommands() {
        String script = CompletionScripts.bash(tend());
        assertTrue(script.contains("__complete \"$what\""), script);
        assertTrue(script.contains("up|down|start|stop|restart|signal|scale|logs|history|rm) what=services"), script);
        assertTrue(script.contains("complete -F _tend_names -o default tend"), script);
        assertTrue(script.contains("job) case \"$sub\" in run|pause|resume|history|logs|rm) what=jobs ;; esac ;;"), script);
    }

    @Test
    void fishListsCommandsOptionsAndNestedCommandsButNotHiddenOnes() {
        String fish = CompletionScripts.fish(tend());
        assertTrue(fish.contains("-a export -d 'Translate the project for other tools"), fish);
        assertTrue(fish.contains("complete -c tend -n \"__fish_seen_subcommand_from up\" -s f -l file -r -F"), fish);
        assertTrue(fish.contains("__fish_seen_subcommand_from daemon; and not __fish_seen_subcommand_from status"), fish);
        assertTrue(fish.contains("-a \"(tend __complete services 2>/dev/null)\""), fish);
        assertTrue(fish.contains("__fish_seen_subcommand_from job; and __fish_seen_subcommand_from run pause resume history logs rm\" "
                + "-a \"(tend __complete jobs 2>/dev/null)\""), fish);
        assertTrue(fish.contains("-l project -x -a \"(tend __complete projects 2>/dev/null)\""), fish);
        assertFalse(fish.contains("-a __complete"), fish);
        assertTrue(fish.contains("-a tui -d 'The terminal UI"), fish);
        assertTrue(fish.contains("complete -c tend -n \"__fish_seen_subcommand_from tui\" -s a -l all"), fish);
    }

    @Test
    void fishQuotesDescriptions() {
        assertEquals("'it\\'s a \\\\ b'", CompletionScripts.quote("it's a \\ b"));
    }
}
