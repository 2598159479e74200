package io.adaptseg.spark.cli;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FolderLock;
import io.adaptseg.core.io.RunTemporaryFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code adaptseg spark <command> [options]}, the main class of the spark module (the launcher and
 * {@code spark-submit --class io.adaptseg.spark.cli.SparkMain} start it). Exit codes as
 * {@code adaptseg}: 0 success, 1 failure, 2 usage error, 3 some inputs failed.
 */
public final class SparkMain {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    static final int SOME_FAILED = 3;

    private final List<SparkCommand> commands;
    private final PrintStream out;
    private final PrintStream err;

    SparkMain(PrintStream out, PrintStream err) {
        this.commands = List.of(new SparkPredictCommand(), new SparkBenchCommand());
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        RunTemporaryFolder.adopt(); // the launcher's per-run java.io.tmpdir goes with the run
        int code = new SparkMain(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; never exits the JVM (tests call this). */
    int run(String[] args) {
        if (args.length == 0 || List.of("--help", "-h", "help").contains(args[0])) {
            out.println("usage: adaptseg spark <command> [options]    (adaptseg spark <command> --help for its options)");
            out.println();
            out.println("commands:");
            commands.forEach(c -> out.printf("  %-10s %s%n", c.name(), c.summary()));
            return args.length == 0 ? USAGE : OK;
        }
        Optional<SparkCommand> found = commands.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (found.isEmpty()) {
            err.println("adaptseg spark: unknown command '" + args[0] + "'; commands: "
                    + commands.stream().map(SparkCommand::name).toList() + " (see adaptseg spark --help)");
            return USAGE;
        }
        SparkCommand command = found.get();
        Options options = new Options();
        command.options().getOptions().forEach(options::addOption);
        options.addOption(Option.builder("h").longOpt("help").desc("show this command's help").build());
        options.addOption(Option.builder().longOpt("verbose").desc("print stack traces of errors").build());
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        List<String> restList = Arrays.asList(rest);
        if (restList.contains("--help") || restList.contains("-h")) {
            PrintWriter writer = new PrintWriter(out, true);
            new HelpFormatter().printHelp(writer, 100, "adaptseg spark " + command.name() + " " + command.synopsis(),
                    command.summary(), options, 2, 2, null, false);
            writer.flush();
            return OK;
        }
        String name = "adaptseg spark " + command.name();
        // what a lock file of an output folder names as its holder (FolderLock)
        System.setProperty(FolderLock.COMMAND_PROPERTY, "adaptseg spark " + String.join(" ", args));
        try {
            CommandLine line = new DefaultParser().parse(options, rest);
            if (!line.getArgList().isEmpty()) {
                throw new UsageException("unexpected argument '" + line.getArgList().getFirst() + "'");
            }
            return command.run(line, out);
        } catch (ParseException | UsageException e) {
            err.println(name + ": " + e.getMessage() + " (see " + name + " --help)");
            return USAGE;
        } catch (AdaptsegException | IOException | RuntimeException e) {
            err.println(name + ": " + (e instanceof AdaptsegException ? e.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            if (restList.contains("--verbose")) {
                e.printStackTrace(err);
            }
            return FAILURE;
        }
    }
}
