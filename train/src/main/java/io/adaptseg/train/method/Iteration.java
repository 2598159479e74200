package io.adaptseg.train.method;

/**
 * Where an iteration stands: its 0-based index, the schedule length, and the learning rates the
 * loop's schedules give for the segmenter and for the discriminators.
 */
public record Iteration(long index, long maxIterations, double lrSegmenter, double lrDiscriminator) {
    public Iteration {
        if (index < 0 || maxIterations <= 0) {
            throw new IllegalArgumentException("index must be >= 0 and maxIterations > 0, found " + index + ", " + maxIterations);
        }
    }
}
