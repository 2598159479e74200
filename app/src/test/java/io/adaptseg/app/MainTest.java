package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A command whose behaviour the test chooses through its --mode option. */
    private static final class Probe implements Command {
        private final String name;

        Probe(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String summary() {
            return "probe command";
        }

        @Override
        public String synopsis() {
            return "--mode MODE";
        }

        @Override
        public Options options() {
            return new Options().addOption(Option.builder().longOpt("mode").hasArg().required().build());
        }

        @Override
        public int run(CommandLine line, PrintStream stdout) throws AdaptsegException {
            return switch (line.getOptionValue("mode")) {
                case "ok" -> {
                    stdout.println("ran " + name);
                    yield 0;
                }
                case "fail" -> throw new AdaptsegException("data/x.png: not a PNG image");
                case "crash" -> throw new IllegalStateException("boom");
                default -> throw new UsageException("--mode must be ok, fail or crash");
            };
        }
    }

    private int run(String... args) {
        Main main = new Main(List.of(new Probe("probe"), new Probe("bench probe")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return main.run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void successReturnsZero() {
        assertEquals(0, run("probe", "--mode", "ok"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ran probe"));
    }

    @Test
    void twoWordCommandsAreFound() {
        assertEquals(0, run("bench", "probe", "--mode", "ok"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("ran bench probe"));
    }

    @Test
    void failureIsOneLineWithoutStackTrace() {
        assertEquals(1, run("probe", "--mode", "fail"));
        assertEquals("adaptseg probe: data/x.png: not a PNG image", err().strip());
    }

    @Test
    void verbosePrintsTheStackTrace() {
        assertEquals(1, run("probe", "--mode", "crash", "--verbose"));
        assertTrue(err().contains("IllegalStateException: boom"));
        assertTrue(err().contains("\tat "), "stack trace expected with --verbose");
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run("probe", "--mode", "sideways"));
        assertTrue(err().contains("--mode must be ok, fail or crash"));
        assertEquals(2, run("probe"));
        assertTrue(err().contains("Missing required option: mode"));
        assertEquals(2, run("nosuch"));
        assertTrue(err().contains("unknown command 'nosuch'"));
        assertEquals(2, run("probe", "--mode", "ok", "stray"));
        assertEquals(2, run("spark", "predict"));
        assertTrue(err().contains("start it through ./adaptseg spark"), err());
    }

    @Test
    void helpListsCommandsAndOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("bench probe"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("spark predict"));
        assertEquals(0, run("probe", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--mode"));
        assertFalse(err().contains("Exception"));
    }

    @Test
    void everyRegisteredCommandHasAUniqueNameAndHelp() {
        List<Command> all = Commands.all();
        assertEquals(all.size(), all.stream().map(Command::name).distinct().count());
        for (Command c : all) {
            assertFalse(c.summary().isBlank(), c.name());
        }
    }
}
