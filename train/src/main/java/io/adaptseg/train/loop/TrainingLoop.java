package io.adaptseg.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.progress.ProgressBar;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.NonFiniteTensorException;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.data.BatchStream;
import io.adaptseg.train.data.SplitMix64;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.method.Iteration;
import io.adaptseg.train.method.SourceDomainLosses;
import io.adaptseg.train.method.TrainableMethod;
import io.adaptseg.train.numerics.TorchNumerics;
import io.adaptseg.train.optim.RateSchedule;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Runs iterations of a {@link TrainableMethod} (a segmentation method or the style translator) from a start state to {@code stopAt}: learning
 * rates from the schedules, batches from the streams, the reference log line every
 * {@code logEvery} iterations, metrics for every iteration, validation and curves every
 * {@code valEvery}, checkpoints every {@code saveEvery} and at the end, and a stop with a clear
 * message when a loss is not finite. A loss that grows by orders of magnitude ({@link DivergencePolicy})
 * gets one warning, or the same stop when the policy says so.
 */
public final class TrainingLoop {
    /**
     * What the loop needs besides the method and data. {@code seed} re-seeds the engine's random
     * generator (PyTorch's: dropout of DeepLab-v3+) at every iteration from (seed, iteration), so that
     * a resumed run draws the same dropout masks as the uninterrupted one without saving the native
     * generator state, which DJL cannot read.
     */
    public record Settings(long numSteps, long stopAt, int logEvery, int saveEvery, int valEvery,
            RateSchedule segmenterSchedule, RateSchedule discriminatorSchedule, String configYaml,
            Path snapshotDir, long seed, DivergencePolicy divergence) {
        public Settings {
            if (stopAt > numSteps || stopAt <= 0) {
                throw new IllegalArgumentException("stopAt must be in [1, numSteps], found " + stopAt);
            }
        }
    }

    public static final String BEST = "best";
    public static final String CURVES = "curves.png";

    private final Settings settings;
    private final TrainableMethod method;
    private final BatchStream<?> source;
    private final BatchStream<?> target;
    private final Validation validation;
    private final PrintStream log;
    private final PrintStream progressOut;
    private final boolean interactive;

    /**
     * @param target null for methods that do not use target data
     * @param validation null to skip validation; otherwise {@code method} must be an {@link AdaptationMethod}
     */
    public TrainingLoop(Settings settings, TrainableMethod method, BatchStream<?> source, BatchStream<?> target,
            Validation validation, PrintStream log, PrintStream progressOut, boolean interactive) {
        if (method.usesTarget() && target == null) {
            throw new IllegalArgumentException(method.name() + " needs a target stream");
        }
        if (validation != null && !(method instanceof AdaptationMethod)) {
            throw new IllegalArgumentException(method.name() + " has no segmenter to validate");
        }
        this.settings = settings;
        this.method = method;
        this.source = source;
        this.target = target;
        this.validation = validation;
        this.log = log;
        this.progressOut = progressOut;
        this.interactive = interactive;
    }

    /** The engine seed of iteration {@code it}: a hash of (seed, it), non-negative as DJL requires. */
    static int iterationSeed(long seed, long it) {
        return (int) (SplitMix64.of(seed, it, 2).nextLong() >>> 33);
    }

    /** The newest checkpoint this run wrote, else the one it started from. */
    private Object lastGood(Path lastCheckpoint, TrainingState start) {
        return lastCheckpoint != null ? lastCheckpoint : start.iteration() > 0
                ? settings.snapshotDir().resolve(Checkpoint.directoryName(start.iteration()))
                : "none (no checkpoint written yet)";
    }

    /** The step's losses in the log's column order; a per-domain loss of a domain absent from the batch has none. */
    static SequencedMap<String, Double> inColumnOrder(SequencedMap<String, Double> losses, List<String> columns) {
        SequencedMap<String, Double> out = new LinkedHashMap<>();
        for (String c : columns) {
            Double v = losses.get(c);
            if (v != null) {
                out.put(c, v);
            }
        }
        for (var e : losses.entrySet()) {
            if (!out.containsKey(e.getKey())) {
                throw new IllegalStateException("the method reported loss " + e.getKey() + ", which is not one of " + columns);
            }
        }
        return out;
    }

    /** Runs from {@code start} to {@code stopAt}; returns the final state. */
    public TrainingState run(TrainingState start) throws AdaptsegException, IOException {
        TorchNumerics.ensureConfigured(); // a method built from blocks of its own still gets a checked route
        Path dir = settings.snapshotDir();
        int stale = Checkpoint.removeInterruptedWrites(dir);
        if (stale > 0) {
            log.printf("removed %d temporary checkpoint folders of an interrupted run in %s%n", stale, dir);
        }
        double best = start.bestMeanIou();
        long bestAt = start.bestIteration();
        Path lastCheckpoint = null;
        ProgressBar bar = new ProgressBar(progressOut, interactive, start.iteration(), settings.stopAt(),
                ProgressBar.Rate.SECONDS_PER_ITEM);
        DivergenceWatch divergence = new DivergenceWatch(settings.divergence());
        // with several source domains, each source loss is followed by its value on every domain
        List<String> columns = SourceDomainLosses.columns(method.lossNames(), method.sourceLossNames(), source.domainCount());
        try (MetricsLog metrics = new MetricsLog(dir, columns);
                NDManager root = NDManager.newBaseManager(method.device(), "PyTorch")) {
            for (long it = start.iteration(); it < settings.stopAt(); it++) {
                long t0 = System.nanoTime();
                Engine.getInstance().setRandomSeed(iterationSeed(settings.seed(), it));
                double lrG = settings.segmenterSchedule().at(it);
                double lrD = settings.discriminatorSchedule().at(it);
                SequencedMap<String, Double> losses;
                try (NDManager batchManager = root.newSubManager()) {
                    Batch s = source.next(batchManager);
                    Batch t = method.usesTarget() ? target.next(batchManager) : null;
                    losses = inColumnOrder(method.step(new Iteration(it, settings.numSteps(), lrG, lrD), s, t), columns);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                for (var e : losses.entrySet()) {
                    if (!Double.isFinite(e.getValue())) {
                        throw new TrainingDivergedException("loss " + e.getKey() + " is " + e.getValue() + " at iteration " + it
                                + "; training stopped, the last good checkpoint is " + lastGood(lastCheckpoint, start)
                                + "; " + TorchNumerics.ensureConfigured().sentenceForNonFiniteLoss());
                    }
                }
                Optional<String> diverged = divergence.add(it, losses);
                if (diverged.isPresent() && settings.divergence().stop()) {
                    throw new TrainingDivergedException(diverged.get() + "; training stopped (on-divergence: stop), the last"
                            + " good checkpoint is " + lastGood(lastCheckpoint, start) + "; lower learning-rate, or set"
                            + " on-divergence: warn to go on");
                }
                if (diverged.isPresent()) {
                    log.println("warning: " + diverged.get() + "; the run goes on (on-divergence: warn); lower learning-rate,"
                            + " or set on-divergence: stop to end such runs");
                }
                long done = it + 1;
                metrics.append(done, lrG, lrD, losses, seconds);
                if (it % settings.logEvery() == 0 || done == settings.stopAt()) {
                    bar.clearLine();
                    log.println(LogLine.format(it, settings.numSteps(), losses, seconds));
                }
                boolean validate = validation != null && settings.valEvery() > 0
                        && (done % settings.valEvery() == 0 || done == settings.stopAt());
                boolean improved = false;
                if (validate) {
                    ValidationResult r = validation.run((AdaptationMethod) method);
                    metrics.appendValidation(done, r);
                    improved = Double.isNaN(best) || r.meanIou() > best;
                    if (improved) {
                        best = r.meanIou();
                        bestAt = done;
                    }
                    log.printf(java.util.Locale.ROOT, "validation at %d: mIoU = %.2f FWIoU = %.2f PA = %.2f (%d images)%s%n", done,
                            100 * r.meanIou(), 100 * r.frequencyWeightedIou(), 100 * r.pixelAccuracy(), r.images(),
                            improved ? " (best)" : String.format(java.util.Locale.ROOT, " (best %.2f at %d)", 100 * best, bestAt));
                    CurvesChart.write(dir.resolve(CURVES), columns, metrics.lossHistory(), metrics.validationHistory(), true);
                }
                if (done % settings.saveEvery() == 0 || done == settings.stopAt() || improved) {
                    Map<String, Long> positions = new HashMap<>();
                    positions.put("source", source.position());
                    if (target != null) {
                        positions.put("target", target.position());
                    }
                    try {
                        lastCheckpoint = Checkpoint.write(dir, new TrainingState(done, positions, best, bestAt),
                                method.networks(), method.optimizers(), settings.configYaml(), List.of(dir.resolve(MetricsLog.CSV),
                                        dir.resolve(MetricsLog.JSONL), dir.resolve(MetricsLog.VALIDATION_CSV)));
                    } catch (NonFiniteTensorException e) {
                        // the losses can stay finite while a running statistic has overflowed
                        throw new TrainingDivergedException(e.getMessage() + "; training stopped without saving it, the last good"
                                + " checkpoint is " + lastGood(lastCheckpoint, start) + "; "
                                + TorchNumerics.ensureConfigured().sentenceForNonFiniteLoss());
                    }
                    if (improved) {
                        Checkpoint.copy(lastCheckpoint, dir.resolve(BEST));
                    }
                }
                bar.update(done);
            }
            if (!metrics.lossHistory().isEmpty() && (validation == null || settings.valEvery() == 0)) {
                CurvesChart.write(dir.resolve(CURVES), columns, metrics.lossHistory(), metrics.validationHistory(), false);
            }
        }
        Map<String, Long> positions = new HashMap<>();
        positions.put("source", source.position());
        if (target != null) {
            positions.put("target", target.position());
        }
        return new TrainingState(Math.max(start.iteration(), settings.stopAt()), positions, best, bestAt);
    }
}
