package io.adaptseg.app;

import java.util.List;

/** The registry of subcommands, in the order {@code adaptseg --help} lists them. */
final class Commands {
    private Commands() {
    }

    static List<Command> all() {
        return List.of(
                new PredictCommand(),
                new ScoreCommand(),
                new BenchScoreCommand()
        );
    }
}
