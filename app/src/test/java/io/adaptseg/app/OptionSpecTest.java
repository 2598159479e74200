package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;

class OptionSpecTest {
    private static final OptionSpec<Integer> BATCH = OptionSpec.of("batch", "N", Parsers.integer(1), "images per run")
            .withDefault(4);

    private static CommandLine parse(Options options, String... args) throws Exception {
        return new DefaultParser().parse(options, args);
    }

    @Test
    void theHelpTextAndTheValueShareOneDefault() throws Exception {
        Options options = OptionList.of(BATCH);
        assertEquals("images per run (default 4)", options.getOption("batch").getDescription());
        assertEquals(4, BATCH.value(parse(options)));
        assertEquals(7, BATCH.value(parse(options, "--batch", "7")));
    }

    @Test
    void aBadValueIsAUsageErrorNamingTheOptionAndTheValue() throws Exception {
        Options options = OptionList.of(BATCH);
        for (String bad : new String[] {"x", "0", "-3", "1.5", "99999999999"}) {
            UsageException e = assertThrows(UsageException.class, () -> BATCH.value(parse(options, "--batch", bad)));
            assertTrue(e.getMessage().startsWith("--batch: ") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        OptionSpec<ImageSize> size = OptionSpec.of("size", "WxH", Parsers.size(1), "image size");
        UsageException e = assertThrows(UsageException.class,
                () -> size.optional(parse(OptionList.of(size), "--size", "1024*512")));
        assertEquals("--size: must be WIDTHxHEIGHT such as 2048x1024, found '1024*512'", e.getMessage());
        assertEquals(Optional.empty(), size.optional(parse(OptionList.of(size))));
    }

    /**
     * One meaning per option name: "--resume" is a flag everywhere, "--model" a model file everywhere,
     * "--architecture" a name. An output may be a file or a folder by command (--out model.onnx,
     * --out DIR), so FILE and DIR count as one kind, a path.
     */
    @Test
    void eachOptionNameMeansOneThingAcrossCommands() {
        Map<String, String> meaning = new TreeMap<>();
        Map<String, String> firstSeenIn = new HashMap<>();
        for (Command command : Commands.all()) {
            for (Option o : command.options().getOptions()) {
                String kind = !o.hasArg() ? "(flag)" : o.getArgName().matches("FILE|DIR") ? "path" : o.getArgName();
                String before = meaning.putIfAbsent(o.getLongOpt(), kind);
                firstSeenIn.putIfAbsent(o.getLongOpt(), command.name());
                assertTrue(before == null || before.equals(kind), "--" + o.getLongOpt() + " is " + before + " in "
                        + firstSeenIn.get(o.getLongOpt()) + " but " + kind + " in " + command.name());
            }
        }
    }
}
