package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.FolderLock;
import io.adaptseg.core.io.RunTemporaryFolder;
import io.adaptseg.train.numerics.TorchNumerics;
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
 * {@code adaptseg <command> [options]}. Exit codes: 0 success, 1 failure, 2 usage error; a command
 * may document others (parity: 3 when a threshold fails). Errors print on one line; {@code --verbose}
 * adds the stack trace.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final List<Command> commands;
    private final PrintStream out;
    private final PrintStream err;

    Main(List<Command> commands, PrintStream out, PrintStream err) {
        this.commands = commands;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        RunTemporaryFolder.adopt(); // the launcher's per-run java.io.tmpdir goes with the run
        int code = new Main(Commands.all(), System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; never exits the JVM (tests call this). */
    int run(String[] args) {
        if (args.length == 0 || isHelp(args[0])) {
            printOverview(out);
            return args.length == 0 ? USAGE : OK;
        }
        if (args[0].equals("--version")) {
            out.println("adaptseg " + version());
            return OK;
        }
        // Command groups: "bench score" is one command named by two words.
        int words = args.length > 1 && hasCommand(args[0] + " " + args[1]) ? 2 : 1;
        String name = words == 2 ? args[0] + " " + args[1] : args[0];
        Optional<Command> found = commands.stream().filter(c -> c.name().equals(name)).findFirst();
        if (found.isEmpty() && args[0].equals("spark")) {
            // the spark module is not on the app's class path (docs/spark.md): the launcher starts it
            err.println("adaptseg: 'spark' runs in the spark module: start it through ./adaptseg spark, or spark-submit"
                    + " --class io.adaptseg.spark.cli.SparkMain spark/target/adaptseg-spark.jar");
            return USAGE;
        }
        if (found.isEmpty()) {
            err.println("adaptseg: unknown command '" + args[0] + "'; commands: "
                    + commands.stream().map(Command::name).toList() + " (see adaptseg --help)");
            return USAGE;
        }
        Command command = found.get();
        // what a lock file of an output folder names as its holder (FolderLock)
        System.setProperty(FolderLock.COMMAND_PROPERTY, "adaptseg " + String.join(" ", args));
        Options options = withCommonOptions(command.options());
        String[] rest = Arrays.copyOfRange(args, words, args.length);
        boolean verbose = Arrays.asList(rest).contains("--verbose");
        if (verbose) {
            // libtorch's own warnings (held back otherwise) belong to a verbose run
            System.setProperty(TorchNumerics.NATIVE_WARNINGS_PROPERTY, "true");
            System.setProperty("org.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine.OrtEngine", "warn");
        }
        // Help wins over missing required options, so it is checked before parsing.
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            printHelp(command, options);
            return OK;
        }
        try {
            CommandLine line = new DefaultParser().parse(options, rest);
            if (!line.getArgList().isEmpty()) {
                throw new UsageException("unexpected argument '" + line.getArgList().getFirst() + "'");
            }
            return command.run(line, out);
        } catch (ParseException | UsageException e) {
            err.println("adaptseg " + command.name() + ": " + e.getMessage()
                    + " (see adaptseg " + command.name() + " --help)");
            return USAGE;
        } catch (AdaptsegException | IOException | RuntimeException e) {
            err.println("adaptseg " + command.name() + ": " + describe(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return FAILURE;
        }
    }

    private boolean hasCommand(String name) {
        return commands.stream().anyMatch(c -> c.name().equals(name));
    }

    private static String describe(Exception e) {
        if (e instanceof AdaptsegException) {
            return e.getMessage();
        }
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static Options withCommonOptions(Options commandOptions) {
        Options options = new Options();
        commandOptions.getOptions().forEach(options::addOption);
        options.addOption(Option.builder("h").longOpt("help").desc("show this command's help").build());
        options.addOption(Option.builder().longOpt("verbose").desc("print stack traces of errors").build());
        return options;
    }

    private void printOverview(PrintStream to) {
        to.println("adaptseg " + version() + ": domain-adaptive semantic segmentation from training to devices");
        to.println();
        to.println("usage: adaptseg <command> [options]    (adaptseg <command> --help for its options)");
        to.println();
        to.println("commands:");
        for (Command c : commands) {
            to.printf("  %-16s %s%n", c.name(), c.summary());
        }
        to.printf("  %-16s %s%n", "spark predict", "predict and score on an Apache Spark cluster (adaptseg spark --help)");
        to.printf("  %-16s %s%n", "spark bench", "images/s of spark predict vs predict on the same images");
    }

    private void printHelp(Command command, Options options) {
        PrintWriter writer = new PrintWriter(out, true);
        HelpFormatter formatter = new HelpFormatter();
        formatter.printHelp(writer, 100, "adaptseg " + command.name() + " " + command.synopsis(),
                command.summary(), options, 2, 2, null, false);
        writer.flush();
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
