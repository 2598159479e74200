package io.adaptseg.synth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code adaptseg synth} generates. Everything except {@code threads} determines the files;
 * the same values give byte-identical files whatever the number of threads.
 *
 * @param seed base seed; image i of a dataset split draws from a stream derived from (seed, dataset, split, i)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param sourceCount images per source dataset (GTA5-like, SYNTHIA-like)
 * @param targetTrain Cityscapes-like train images
 * @param targetVal Cityscapes-like val images
 * @param datasets which datasets to write
 * @param threads worker threads
 */
public record SynthConfig(long seed, int height, int width, int sourceCount, int targetTrain, int targetVal,
        Set<SynthDataset> datasets, int threads) {
    /** Smallest side that still leaves distant objects a pixel or two. */
    public static final int MIN_SIDE = 32;

    public SynthConfig {
        if (height < MIN_SIDE || width < MIN_SIDE) {
            throw new IllegalArgumentException("size must be at least " + MIN_SIDE + "x" + MIN_SIDE + ", found " + width + "x" + height + " (WxH)");
        }
        if ((long) height * width > 8192L * 8192) {
            throw new IllegalArgumentException("size " + width + "x" + height + " (WxH) is larger than 8192x8192");
        }
        if (sourceCount < 0 || targetTrain < 0 || targetVal < 0) {
            throw new IllegalArgumentException("counts must not be negative, found source " + sourceCount
                    + ", target train " + targetTrain + ", target val " + targetVal);
        }
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets must name at least one of gta5, synthia, cityscapes");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive, found " + threads);
        }
        datasets = Collections.unmodifiableSet(EnumSet.copyOf(datasets)); // enum order, for stable output
    }

    /** Defaults of the command line: seed 1, 256x512, 500 source images, 200 target train, 100 val, all datasets. */
    public static SynthConfig defaults() {
        return new SynthConfig(1, 256, 512, 500, 200, 100, EnumSet.allOf(SynthDataset.class),
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public SynthConfig withThreads(int n) {
        return new SynthConfig(seed, height, width, sourceCount, targetTrain, targetVal, datasets, n);
    }

    /** Images this configuration writes over all datasets. */
    public long totalImages() {
        long total = 0;
        for (SynthDataset d : datasets) {
            total += d.isTarget() ? (long) targetTrain + targetVal : sourceCount;
        }
        return total;
    }
}
