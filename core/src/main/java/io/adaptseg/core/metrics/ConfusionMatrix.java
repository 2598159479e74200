package io.adaptseg.core.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Pixel counts of a K-class segmentation: rows are ground-truth classes, columns predicted classes,
 * over label-set indices {@code 0..K-1}. {@link #IGNORE} (255) in the ground truth drops the pixel;
 * {@link #IGNORE} in the prediction means "no evaluated class" (the official Cityscapes evaluation's
 * prediction of a non-evaluated id): it is a miss for the ground-truth class and a false positive for
 * none, and is kept in a separate per-row count ({@link #missed(int)}) next to the K×K counts.
 *
 * <p>Not thread-safe: each worker counts into its own matrix and the results are {@link #merge
 * merged}; counts are longs, so merging is exact and order-independent. Serializable, so that
 * distributed workers (the spark module's tasks) can send their matrices to be merged.
 */
public final class ConfusionMatrix implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The value that marks an ignored ground-truth pixel or a prediction outside the classes. */
    public static final int IGNORE = 255;

    private final int k;
    /** Row-major with stride k + 1: column k holds the predictions outside the classes. */
    private final long[] counts;

    /** Identity lookup: class indices and IGNORE are valid, every other value is not. */
    private final int[] identity;

    /** An empty matrix over {@code numClasses} classes (1..255). */
    public ConfusionMatrix(int numClasses) {
        if (numClasses < 1 || numClasses >= IGNORE) {
            throw new IllegalArgumentException("numClasses must be in 1..254, found " + numClasses);
        }
        this.k = numClasses;
        this.counts = new long[numClasses * (numClasses + 1)];
        this.identity = new int[IGNORE + 1];
        Arrays.fill(identity, -1);
        for (int c = 0; c < numClasses; c++) {
            identity[c] = c;
        }
        identity[IGNORE] = IGNORE;
    }

    /** Number of classes K. */
    public int numClasses() {
        return k;
    }

    /**
     * Counts one image (or any set of pixels): {@code gt[i]} and {@code pred[i]} are label-set
     * indices, {@link #IGNORE} as described above. Nothing is counted when a value is invalid.
     *
     * @throws InvalidLabelException when a value is neither a class index nor {@link #IGNORE}
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public void add(int[] gt, int[] pred) {
        add(gt, identity, pred, identity);
    }

    /**
     * Counts stored label values through lookup tables, in one pass without converting the images:
     * {@code gtTable[v]} is the class index of stored ground-truth value {@code v}, {@link #IGNORE},
     * or negative for a value that is invalid in the file's format (likewise {@code predTable}); a
     * value outside a table is invalid. Nothing is counted when a value is invalid, so a failed call
     * leaves the matrix unchanged.
     *
     * @throws InvalidLabelException naming the first invalid pixel
     * @throws IllegalArgumentException when the arrays differ in length or a table holds an entry
     *     that is neither negative, a class index nor {@link #IGNORE}
     */
    public void add(int[] gt, int[] gtTable, int[] pred, int[] predTable) {
        if (gt.length != pred.length) {
            throw new IllegalArgumentException("gt has " + gt.length + " pixels but pred has " + pred.length);
        }
        checkTable(gtTable);
        checkTable(predTable);
        final int classes = k;
        final int stride = k + 1;
        final long[] local = new long[counts.length];
        final int n = gt.length;
        // Label images are piecewise constant, so pixels come in runs of one (gt, pred) pair: a run is
        // looked up and counted once, which avoids both a per-pixel lookup and incrementing the same
        // counter back to back (a store-to-load stall).
        int i = 0;
        while (i < n) {
            int g = gt[i];
            int p = pred[i];
            int end = i + 1;
            while (end < n && gt[end] == g && pred[end] == p) {
                end++;
            }
            int row = g >= 0 && g < gtTable.length ? gtTable[g] : -1;
            int col = p >= 0 && p < predTable.length ? predTable[p] : -1;
            if (row < 0) {
                throw new InvalidLabelException(true, i, g);
            }
            if (col < 0) {
                throw new InvalidLabelException(false, i, p);
            }
            if (row != IGNORE) {
                local[row * stride + (col == IGNORE ? classes : col)] += end - i;
            }
            i = end;
        }
        for (int j = 0; j < local.length; j++) {
            counts[j] += local[j];
        }
    }

    private void checkTable(int[] table) {
        for (int v = 0; v < table.length; v++) {
            int e = table[v];
            if (e >= k && e != IGNORE) {
                throw new IllegalArgumentException("table entry " + v + " -> " + e
                        + " is neither negative, a class index 0.." + (k - 1) + " nor " + IGNORE);
            }
        }
    }

    /** Adds another matrix's counts to this one. */
    public void merge(ConfusionMatrix other) {
        if (other.k != k) {
            throw new IllegalArgumentException("cannot merge a " + other.k + "-class matrix into a " + k + "-class one");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** An independent copy. */
    public ConfusionMatrix copy() {
        ConfusionMatrix copy = new ConfusionMatrix(k);
        System.arraycopy(counts, 0, copy.counts, 0, counts.length);
        return copy;
    }

    /** Pixels of ground-truth class {@code gt} predicted as class {@code pred}. */
    public long count(int gt, int pred) {
        return counts[gt * (k + 1) + pred];
    }

    /** Pixels of ground-truth class {@code gt} predicted as no evaluated class. */
    public long missed(int gt) {
        return counts[gt * (k + 1) + k];
    }

    /** Pixels whose ground truth is {@code c} (the row sum, misses included). */
    public long gtTotal(int c) {
        long sum = 0;
        int base = c * (k + 1);
        for (int j = 0; j <= k; j++) {
            sum += counts[base + j];
        }
        return sum;
    }

    /** Pixels predicted as {@code c} whose ground truth is evaluated (the column sum). */
    public long predTotal(int c) {
        long sum = 0;
        for (int i = 0; i < k; i++) {
            sum += counts[i * (k + 1) + c];
        }
        return sum;
    }

    /** All counted pixels (ground truth not ignored). */
    public long total() {
        long sum = 0;
        for (long v : counts) {
            sum += v;
        }
        return sum;
    }

    /** IoU of class c = TP / (TP + FP + FN), NaN when the class is absent from both sides. */
    public double iou(int c) {
        long tp = count(c, c);
        long union = gtTotal(c) + predTotal(c) - tp;
        return union == 0 ? Double.NaN : (double) tp / union;
    }

    /** The K×K counts as rows (misses not included; see {@link #missed(int)}). */
    public long[][] toArray() {
        long[][] rows = new long[k][];
        for (int i = 0; i < k; i++) {
            rows[i] = Arrays.copyOfRange(counts, i * (k + 1), i * (k + 1) + k);
        }
        return rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && m.k == k && Arrays.equals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * k + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix[" + k + " classes, " + total() + " pixels]";
    }
}
