package io.adaptseg.app;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One {@code adaptseg <name>} subcommand. */
public interface Command {
    /** The word after {@code adaptseg}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** Usage synopsis after {@code adaptseg <name>}, e.g. "--gt DIR --pred DIR [options]". */
    String synopsis();

    /** This command's options ({@code --help} and {@code --verbose} are added by {@link Main}). */
    Options options();

    /**
     * Runs the command.
     *
     * @return the exit code: 0 success, 1 failure; other codes where the command documents them
     * @throws UsageException for a bad option value (exit 2)
     * @throws AdaptsegException for a failure the user can fix (exit 1, message on one line)
     */
    int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException;
}
