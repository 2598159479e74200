package io.adaptseg.train.checkpoint;

import java.util.Map;

/**
 * The scalar state of a run at a checkpoint: iterations completed, the position of each data
 * stream (which fixes the data order and augmentation to come), and the best validation so far.
 */
public record TrainingState(long iteration, Map<String, Long> streamPositions, double bestMeanIou, long bestIteration) {
    public TrainingState {
        streamPositions = Map.copyOf(streamPositions);
    }
}
