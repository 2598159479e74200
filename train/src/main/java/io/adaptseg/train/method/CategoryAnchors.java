package io.adaptseg.train.method;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.train.loss.ClassFeatureMeans;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * CAG's category anchors: per class the running mean of source centroids ({@link ClassFeatureMeans}),
 * with the update count capped at {@link #REFERENCE_CAP} so later centroids keep a weight of about
 * 1/3000 (the reference {@code update_objective_SingleVector(..., 'mean')}). A class with no update
 * has no anchor. Saved as an npz file with arrays {@code anchors} (C, D) float32 and {@code counts}
 * (C) int64.
 */
public final class CategoryAnchors {
    /** CAG's cap on the running-mean count. */
    public static final int REFERENCE_CAP = 3000;
    static final String ANCHORS = "anchors";
    static final String COUNTS = "counts";

    private final float[][] vectors;
    private final long[] counts;
    private final int cap;

    /** Empty anchors for {@code numClasses} classes of {@code dimension}-d features. */
    public CategoryAnchors(int numClasses, int dimension, int cap) {
        if (numClasses < 1 || dimension < 1 || cap < 1) {
            throw new IllegalArgumentException("anchors need positive classes, dimension and cap, found " + numClasses
                    + ", " + dimension + ", " + cap);
        }
        this.vectors = new float[numClasses][dimension];
        this.counts = new long[numClasses];
        this.cap = cap;
    }

    public int numClasses() {
        return vectors.length;
    }

    public int dimension() {
        return vectors[0].length;
    }

    /** Number of updates of a class, capped. */
    public long count(int cls) {
        return counts[cls];
    }

    /** Whether a class has an anchor. */
    public boolean[] present() {
        boolean[] p = new boolean[counts.length];
        for (int c = 0; c < p.length; c++) {
            p[c] = counts[c] > 0;
        }
        return p;
    }

    /** A copy of one anchor. */
    public float[] vector(int cls) {
        return vectors[cls].clone();
    }

    /**
     * One update: {@code a = (a * n + v) / (n + 1)}, {@code n = min(n + 1, cap)}. An all-zero vector
     * is skipped, as in the reference (it marks a centroid that carried no feature).
     */
    public void update(int cls, float[] vector) {
        if (vector.length != dimension()) {
            throw new IllegalArgumentException("anchor of class " + cls + " is " + dimension() + "-d, found a "
                    + vector.length + "-d vector");
        }
        double sum = 0;
        for (float v : vector) {
            sum += v;
        }
        if (sum == 0) {
            return;
        }
        long n = counts[cls];
        float[] a = vectors[cls];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((a[i] * (double) n + vector[i]) / (n + 1));
        }
        counts[cls] = Math.min(n + 1, cap);
    }

    /** Updates with every centroid of a batch (no gradient is kept). */
    public void update(ClassFeatureMeans centroids) {
        if (centroids.size() == 0) {
            return;
        }
        float[] all = centroids.means().toType(DataType.FLOAT32, false).toFloatArray();
        int d = dimension();
        if (all.length != centroids.size() * d) {
            throw new IllegalArgumentException("centroids are " + all.length / Math.max(1, centroids.size())
                    + "-d, anchors " + d + "-d");
        }
        for (int k = 0; k < centroids.size(); k++) {
            update(centroids.classes()[k], Arrays.copyOfRange(all, k * d, (k + 1) * d));
        }
    }

    /** The anchors as a (C, D) array in {@code manager}. */
    public NDArray toArray(NDManager manager) {
        float[] flat = new float[numClasses() * dimension()];
        for (int c = 0; c < numClasses(); c++) {
            System.arraycopy(vectors[c], 0, flat, c * dimension(), dimension());
        }
        return manager.create(flat, new Shape(numClasses(), dimension()));
    }

    /** Writes the anchors atomically. */
    public void save(Path file) throws IOException {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = toArray(m);
            a.setName(ANCHORS);
            NDArray n = m.create(counts.clone());
            n.setName(COUNTS);
            NDList list = new NDList(a, n);
            AtomicFiles.write(file, out -> list.encode(out, NDList.Encoding.NPZ));
        }
    }

    /** Reads anchors written by {@link #save}; the message names the file and what is wrong. */
    public static CategoryAnchors load(Path file) throws AdaptsegException {
        if (!Files.isRegularFile(file)) {
            throw new AdaptsegException("anchors file " + file + " does not exist (compute it with adaptseg anchors)");
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch"); InputStream in = Files.newInputStream(file)) {
            NDList list = NDList.decode(m, in);
            NDArray a = list.get(ANCHORS);
            NDArray n = list.get(COUNTS);
            if (a == null || n == null || a.getShape().dimension() != 2 || n.getShape().size() != a.getShape().get(0)) {
                throw new AdaptsegException("anchors file " + file + " must hold 'anchors' (C,D) and 'counts' (C), found "
                        + list.getShapes() + " named " + Arrays.toString(names(list)));
            }
            int c = (int) a.getShape().get(0);
            int d = (int) a.getShape().get(1);
            CategoryAnchors anchors = new CategoryAnchors(c, d, REFERENCE_CAP);
            float[] flat = a.toType(DataType.FLOAT32, false).toFloatArray();
            long[] cnt = n.toType(DataType.INT64, false).toLongArray();
            for (int k = 0; k < c; k++) {
                System.arraycopy(flat, k * d, anchors.vectors[k], 0, d);
                anchors.counts[k] = cnt[k];
            }
            return anchors;
        } catch (IOException | RuntimeException e) {
            throw new AdaptsegException("cannot read anchors file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String[] names(NDList list) {
        return list.stream().map(NDArray::getName).toArray(String[]::new);
    }
}
