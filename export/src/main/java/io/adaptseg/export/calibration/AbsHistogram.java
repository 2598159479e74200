package io.adaptseg.export.calibration;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A histogram of |x| over {@code [0, top)} in {@link #bins()} equal bins, filled image by image. Its top
 * is the first image's largest |x|; when a later image goes beyond it, the top doubles as often as
 * needed and each run of 2^k old bins merges into one new bin, which is exact: no count moves to a bin
 * it did not belong to, only the resolution coarsens. The entropy and percentile calibrations read it.
 */
public final class AbsHistogram {
    private final long[] counts;
    private double top;
    private long nonFinite;

    /** An empty histogram of {@code bins} bins. */
    public AbsHistogram(int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("a histogram needs at least 2 bins, found " + bins);
        }
        this.counts = new long[bins];
    }

    /** A histogram with the given counts over {@code [0, top)} (tests, and calibration from known data). */
    public static AbsHistogram of(long[] counts, double top) {
        if (!(top > 0)) {
            throw new IllegalArgumentException("the histogram's top must be positive, found " + top);
        }
        AbsHistogram h = new AbsHistogram(counts.length);
        System.arraycopy(counts, 0, h.counts, 0, counts.length);
        h.top = top;
        return h;
    }

    /** Adds every value of the buffer between its position and limit; NaN and infinities are only counted. */
    public void add(FloatBuffer values) {
        double largest = 0;
        for (int i = values.position(); i < values.limit(); i++) {
            float v = values.get(i);
            if (Float.isFinite(v)) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        if (largest == 0 && top == 0) {
            // all zeros so far: they go to bin 0 whatever the top turns out to be
            for (int i = values.position(); i < values.limit(); i++) {
                if (Float.isFinite(values.get(i))) {
                    counts[0]++;
                } else {
                    nonFinite++;
                }
            }
            return;
        }
        grow(largest);
        int bins = counts.length;
        double perUnit = bins / top;
        for (int i = values.position(); i < values.limit(); i++) {
            float v = values.get(i);
            if (!Float.isFinite(v)) {
                nonFinite++;
                continue;
            }
            int bin = (int) (Math.abs(v) * perUnit);
            counts[Math.min(bin, bins - 1)]++;
        }
    }

    /** Widens the top to cover {@code largest}, merging bins in powers of two. */
    private void grow(double largest) {
        if (top == 0) {
            top = largest;
            return;
        }
        int merge = 1;
        while (top * merge < largest) {
            merge *= 2;
        }
        if (merge == 1) {
            return;
        }
        long[] merged = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            merged[i / merge] += counts[i];
        }
        System.arraycopy(merged, 0, counts, 0, counts.length);
        top *= merge;
    }

    /** The counts, bin {@code i} covering {@code [i, i+1) * binWidth()} (the last bin also holds |x| = top). */
    public long[] counts() {
        return counts.clone();
    }

    public int bins() {
        return counts.length;
    }

    /** The upper edge of the last bin: the largest |x| seen, or a power-of-two multiple of the first image's. */
    public double top() {
        return top;
    }

    public double binWidth() {
        return top / counts.length;
    }

    /** Finite values counted. */
    public long total() {
        return Arrays.stream(counts).sum();
    }

    /** NaN or infinite values seen (not in any bin). */
    public long nonFinite() {
        return nonFinite;
    }
}
