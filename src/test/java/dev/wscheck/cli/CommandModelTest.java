package dev.wscheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wscheck.testing.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run builds picocli's model of its own command only (start-up, docs/performance.md); the help,
 * which describes the others, still gets them all, in the order the help lists them.
 */
class CommandModelTest {
    private static final PrintStream SINK = new PrintStream(new ByteArrayOutputStream(), true);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a check run builds check alone|check|check",
        "a requirements run builds requirements alone|requirements|requirements",
        "help builds every command it may describe|help|check requirements ip-ranges explain report serve history reflector regions help",
        "no command (the root's help) builds every command|-|check requirements ip-ranges explain report serve history reflector regions help"})
    void aRunBuildsTheCommandsItNeeds(String name, String command, String expected) {
        CliContext ctx = new CliContext(SINK, SINK, Map.of(), false, false);
        List<String> built = new ArrayList<>(WscheckCommand.commandLine(ctx, command.equals("-") ? null : command).getSubcommands().keySet());
        assertEquals(List.of(expected.split(" ")), built, name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "help for one command names its options|help requirements|--region",
        "the root help lists every command|--help|regions",
        "a command's own --help names its options|explain --help|CODE"})
    void helpStillDescribesWhatItIsAskedAbout(String name, String args, String expected) {
        CliRun r = CliRun.of(args.split(" "));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(expected), name + ": " + r.out());
    }
}
