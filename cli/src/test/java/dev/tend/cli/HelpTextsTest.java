package dev.tend.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A parent's list of commands (`tend --help`, `tend export --help`) shows only the first line of each command's
 * description: that line must be a whole sentence, not one cut where the source wrapped it.
 */
class HelpTextsTest {

    private static boolean endsASentence(String line) {
        String s = line.strip();
        return s.endsWith(".") || s.endsWith(".)") || s.endsWith("?") || s.endsWith(":");
    }

    @Test
    void everyCommandsFirstDescriptionLineIsAWholeSentence() {
        List<String> cut = new ArrayList<>();
        walk(CommandModel.full(), cut);
        assertTrue(cut.isEmpty(), "help lines that stop mid-sentence:\n" + String.join("\n", cut));
    }

    @Test
    void aVariableWrittenInAHelpTextIsShownAsWrittenNotLookedUpByPicocli() {
        // picocli reads ${NAME} in descriptions as its own variable: unescaped, ${VAR} was shown as "null"
        String usage = CommandModel.full().getSubcommands().get("config").getUsageMessage();
        assertTrue(usage.contains("${VAR} substituted"), usage);
    }

    private static void walk(CommandLine cl, List<String> cut) {
        CommandSpec spec = cl.getCommandSpec();
        String[] description = spec.usageMessage().description();
        if (description.length > 0) {
            if (!endsASentence(description[0])) {
                cut.add(spec.qualifiedName() + " (shown in its parent's list): " + description[0]);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() == spec) {
                walk(sub, cut);
            }
        }
    }
}
