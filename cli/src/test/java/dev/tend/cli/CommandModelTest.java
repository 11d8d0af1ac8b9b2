package dev.tend.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Only the command that runs is built; everything else falls back to the full model. */
class CommandModelTest {
    @Test
    void everyCommandIsFoundByItsOwnName() {
        for (Class<?> c : TendCommand.COMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            assertEquals(c, CommandModel.commandNamedIn(new String[] {name}), name);
        }
    }

    @Test
    void statusIsPsAndHelpGetsTheFullModelToDescribeAnyCommand() throws Exception {
        assertEquals(PsCommand.class, CommandModel.commandNamedIn(new String[] {"status"}));
        assertNull(CommandModel.commandNamedIn(new String[] {"help", "ps"}));
        CommandLine full = CommandModel.forArgs(new String[] {"help", "ps"});
        java.io.StringWriter out = new java.io.StringWriter();
        full.setOut(new java.io.PrintWriter(out));
        assertEquals(0, full.execute("help", "ps"));
        assertTrue(out.toString().startsWith("Usage: tend ps"), out.toString());
    }

    @Test
    void composesUpDashDIsAcceptedAndHiddenFromHelp() {
        CommandLine model = CommandModel.forArgs(new String[] {"up", "-d"});
        CommandLine.ParseResult parsed = model.parseArgs("up", "-d");
        assertTrue(parsed.subcommand().hasMatchedOption("--detach"));
        assertFalse(model.getSubcommands().get("up").getUsageMessage().contains("--detach"));
    }

    @Test
    void globalOptionsBeforeTheCommandAreSkipped() {
        assertEquals(PsCommand.class, CommandModel.commandNamedIn(
                new String[] {"--instance", "ps", "-q", "--no-color", "--instance=x", "--quiet", "ps", "-a"}));
    }

    @Test
    void helpVersionNothingAndUnknownWordsNeedTheFullModel() {
        assertNull(CommandModel.commandNamedIn(new String[0]));
        assertNull(CommandModel.commandNamedIn(new String[] {"--help"}));
        assertNull(CommandModel.commandNamedIn(new String[] {"-V", "ps"}));
        assertNull(CommandModel.commandNamedIn(new String[] {"pss"}));
        assertNull(CommandModel.commandNamedIn(new String[] {"--instance"}));
    }

    @Test
    void noOptionNeedsAConverterMainLeavesOut() {
        List<CommandLine> all = new ArrayList<>(List.of(CommandModel.full()));
        for (int i = 0; i < all.size(); i++) {
            CommandLine c = all.get(i);
            all.addAll(c.getSubcommands().values());
            for (ArgSpec a : c.getCommandSpec().args()) {
                List<Class<?>> types = new ArrayList<>(List.of(a.auxiliaryTypes()));
                types.add(a.type());
                for (Class<?> t : types) {
                    assertFalse(t.getName().matches(Main.CONVERTER_EXCLUDES), c.getCommandSpec().qualifiedName() + " " + a + ": " + t);
                }
            }
        }
    }

    @Test
    void aRunBuildsOnlyItsCommandAndTheFullModelHasThemAll() {
        CommandLine one = CommandModel.forArgs(new String[] {"ps", "--json"});
        assertEquals(java.util.Set.of("ps", "status"), one.getSubcommands().keySet());
        java.util.Set<Object> distinct = new java.util.HashSet<>(CommandModel.full().getSubcommands().values());
        assertEquals(TendCommand.COMMANDS.length + 1, distinct.size(), "every command, and help");
    }
}
