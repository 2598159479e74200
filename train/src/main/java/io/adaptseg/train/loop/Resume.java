package io.adaptseg.train.loop;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.method.TrainableMethod;
import io.adaptseg.train.optim.ParameterOptimizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a freshly built method back into the state of a checkpoint: every network's parameters,
 * every optimiser's state, and the metrics files as they were at that iteration (rows written
 * after the checkpoint by the interrupted run are dropped, so the curves continue cleanly).
 */
public final class Resume {
    private Resume() {
    }

    /** The checkpoint {@code resumeFrom} names ({@code iter_<n>}, or a snapshot folder's newest), if one is given. */
    public static Optional<Path> checkpoint(Optional<Path> resumeFrom) throws AdaptsegException {
        return resumeFrom.isPresent() ? Optional.of(Checkpoint.resolve(resumeFrom.get())) : Optional.empty();
    }

    /**
     * Where a run starts: iteration 0, or the state of {@code checkpoint} restored into {@code method}
     * ({@link #restore}), said on {@code log}.
     */
    public static TrainingState start(Optional<Path> checkpoint, TrainableMethod method, Path snapshotDir, PrintStream log)
            throws AdaptsegException, IOException {
        if (checkpoint.isEmpty()) {
            return new TrainingState(0, Map.of(), Double.NaN, -1);
        }
        TrainingState start = restore(checkpoint.get(), method, snapshotDir);
        log.println("resumed from " + checkpoint.get() + " at iteration " + start.iteration());
        return start;
    }

    /** Whether {@code start} is already at the run's last iteration {@code stop} (config key {@code key}); said on {@code log}. */
    public static boolean finished(TrainingState start, long stop, String key, PrintStream log) {
        if (start.iteration() < stop) {
            return false;
        }
        log.println("nothing to do: the checkpoint is at iteration " + start.iteration() + " and " + key + " is " + stop);
        return true;
    }

    public static TrainingState restore(Path checkpoint, TrainableMethod method, Path snapshotDir)
            throws AdaptsegException, IOException {
        TrainingState state = Checkpoint.readState(checkpoint);
        for (Map.Entry<String, ai.djl.nn.Block> e : method.networks().entrySet()) {
            Checkpoint.loadNetwork(checkpoint, e.getKey(), e.getValue());
        }
        for (Map.Entry<String, ParameterOptimizer> e : method.optimizers().entrySet()) {
            Checkpoint.loadOptimizer(checkpoint, e.getKey(), e.getValue());
        }
        Files.createDirectories(snapshotDir);
        for (String f : List.of(MetricsLog.CSV, MetricsLog.JSONL, MetricsLog.VALIDATION_CSV)) {
            Path saved = checkpoint.resolve(f);
            Path live = snapshotDir.resolve(f);
            if (saved.toAbsolutePath().equals(live.toAbsolutePath())) {
                continue;
            }
            if (Files.exists(saved)) {
                Files.copy(saved, live, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(live);
            }
        }
        return state;
    }
}
