package io.adaptseg.app;

import java.util.ArrayList;
import java.util.List;

/** The registry of subcommands, in the order {@code adaptseg --help} lists them. */
final class Commands {
    private Commands() {
    }

    static List<Command> all() {
        List<Command> all = new ArrayList<>();
        // one line per command (the file merges as a union of lines: see .gitattributes)
        all.add(new TrainCommand());
        all.add(new AnchorsCommand());
        all.add(new SynthCommand());
        all.add(new BaselineCommand());
        all.add(new ScoreCommand());
        all.add(new PredictCommand());
        all.add(new DemoCommand());
        all.add(new BenchScoreCommand());
        all.add(new BenchTrainCommand());
        all.add(new ExperimentGapCommand());
        all.add(new ExperimentMethodsCommand());
        all.add(new ExperimentAuxiliaryCommand());
        all.add(new InfoCommand());
        all.add(new BenchRuntimeCommand());
        all.add(new BenchTuningCommand());
        all.add(new ExportCommand());
        all.add(new ParityCommand());
        all.add(new BenchPngCommand());
        all.add(new DoctorCommand());
        all.add(new StylizeCommand());
        return List.copyOf(all);
    }
}
