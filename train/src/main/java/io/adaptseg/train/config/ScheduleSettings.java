package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/**
 * The loop's schedule: poly learning rates of the segmenter and the discriminators (linear warm-up
 * over {@code warmup-steps}, which is also CLAN's preheat), the schedule length {@code num-steps},
 * where this run stops ({@code num-steps-stop}), and when and where it logs and saves.
 */
public record ScheduleSettings(
        @JsonProperty("learning-rate") double learningRate,
        @JsonProperty("learning-rate-D") double learningRateD,
        @JsonProperty("power") double power,
        @JsonProperty("warmup-steps") long warmupSteps,
        @JsonProperty("num-steps") long numSteps,
        @JsonProperty("num-steps-stop") long numStepsStop,
        @JsonProperty("save-pred-every") int savePredEvery,
        @JsonProperty("log-every") int logEvery,
        @JsonProperty("snapshot-dir") Path snapshotDir) {
    public ScheduleSettings {
        Check.nonNegative("learning-rate", learningRate);
        Check.nonNegative("learning-rate-D", learningRateD);
        Check.nonNegative("power", power);
        Check.nonNegative("warmup-steps", warmupSteps);
        Check.positive("num-steps", numSteps);
        Check.positive("num-steps-stop", numStepsStop);
        Check.positive("save-pred-every", savePredEvery);
        Check.positive("log-every", logEvery);
        if (numStepsStop > numSteps) {
            throw new ConfigValueException("num-steps-stop", "at most num-steps (" + numSteps + ")", numStepsStop);
        }
        if (warmupSteps >= numSteps) {
            throw new ConfigValueException("warmup-steps", "less than num-steps", warmupSteps);
        }
    }

    public ScheduleSettings withLearningRate(double rate) {
        return new ScheduleSettings(rate, learningRateD, power, warmupSteps, numSteps, numStepsStop, savePredEvery, logEvery,
                snapshotDir);
    }

    public ScheduleSettings withWarmupSteps(long steps) {
        return new ScheduleSettings(learningRate, learningRateD, power, steps, numSteps, numStepsStop, savePredEvery,
                logEvery, snapshotDir);
    }

    /** A schedule of {@code steps} iterations that this run trains to the end, saving at the end. */
    public ScheduleSettings withSteps(long steps, int logEvery) {
        return new ScheduleSettings(learningRate, learningRateD, power, warmupSteps, steps, steps, (int) steps, logEvery,
                snapshotDir);
    }

    /** The same schedule, stopped after {@code stop} iterations. */
    public ScheduleSettings withStop(long stop) {
        return new ScheduleSettings(learningRate, learningRateD, power, warmupSteps, numSteps, stop, savePredEvery,
                logEvery, snapshotDir);
    }

    public ScheduleSettings withSnapshotDir(Path dir) {
        return new ScheduleSettings(learningRate, learningRateD, power, warmupSteps, numSteps, numStepsStop, savePredEvery,
                logEvery, dir);
    }
}
