package io.adaptseg.spark.cli;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One {@code adaptseg spark <name>} subcommand. */
interface SparkCommand {
    String name();

    String summary();

    String synopsis();

    Options options();

    /**
     * @return the exit code: 0 success, 1 failure, 3 some inputs failed
     * @throws UsageException for a bad option value (exit 2)
     * @throws AdaptsegException for a failure the user can fix (exit 1)
     */
    int run(CommandLine line, PrintStream out) throws AdaptsegException, IOException;
}
