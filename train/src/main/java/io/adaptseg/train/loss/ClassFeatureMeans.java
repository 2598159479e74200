package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * CAG's per-image class centroids: for image n and class c, the mean feature vector over the pixels
 * where the label is c AND the prediction is c, kept only when at least {@code minPixels} such
 * pixels exist (CAG's {@code calculate_mean_vector}). Gradients flow from the means into the
 * features, so the same centroids serve the anchor computation (no gradient) and the anchor
 * distance loss. With {@code normalisationPooling} (CAG's {@code normalisation_pooling},
 * {@code models/utils.py:17-40}, applied in {@code adaptation_model.py:255-256}) the forward is the
 * same mean but its backward is multiplied by {@code 2 · count / (h · w)}: each agreeing pixel's
 * feature receives {@code 2 / (h · w)} of the upstream gradient instead of {@code 1 / count}.
 *
 * @param means (K, D), one row per kept (image, class) pair, in image then class order
 * @param classes the class of each row
 */
public record ClassFeatureMeans(NDArray means, int[] classes) {
    /** CAG's minimum number of agreeing pixels for a centroid. */
    public static final int REFERENCE_MIN_PIXELS = 10;

    /** Number of centroids. */
    public int size() {
        return classes.length;
    }

    /**
     * @param features (N, D, h, w)
     * @param labels (N, h, w) integer classes or ignore, at the features' resolution
     * @param predictions (N, h, w) argmax classes, at the features' resolution
     */
    public static ClassFeatureMeans compute(NDArray features, NDArray labels, NDArray predictions, int numClasses,
            int minPixels) {
        return compute(features, labels, predictions, numClasses, minPixels, false);
    }

    /**
     * As {@link #compute(NDArray, NDArray, NDArray, int, int)}; with {@code normalisationPooling} the
     * gradient of each mean is scaled by CAG's {@code 2 · count / (h · w)}.
     */
    public static ClassFeatureMeans compute(NDArray features, NDArray labels, NDArray predictions, int numClasses,
            int minPixels, boolean normalisationPooling) {
        Shape fs = features.getShape();
        if (fs.dimension() != 4 || !labels.getShape().equals(new Shape(fs.get(0), fs.get(2), fs.get(3)))
                || !predictions.getShape().equals(labels.getShape())) {
            throw new IllegalArgumentException("class means need features (N,D,h,w) and labels/predictions (N,h,w) of"
                    + " the same N, h, w; found " + fs + ", " + labels.getShape() + ", " + predictions.getShape());
        }
        int n = (int) fs.get(0);
        int d = (int) fs.get(1);
        int pixels = (int) (fs.get(2) * fs.get(3));
        int[] label = labels.toType(DataType.INT32, false).toIntArray();
        int[] pred = predictions.toType(DataType.INT32, false).toIntArray();
        int[][] counts = new int[n][numClasses];
        for (int i = 0; i < label.length; i++) {
            if (label[i] == pred[i] && label[i] >= 0 && label[i] < numClasses) {
                counts[i / pixels][label[i]]++;
            }
        }
        List<Integer> kept = new ArrayList<>();
        List<NDArray> rows = new ArrayList<>();
        NDArray flat = features.reshape(n, d, pixels);
        for (int b = 0; b < n; b++) {
            List<Integer> classesOfImage = new ArrayList<>();
            for (int c = 0; c < numClasses; c++) {
                if (counts[b][c] >= minPixels) {
                    classesOfImage.add(c);
                }
            }
            if (classesOfImage.isEmpty()) {
                continue;
            }
            // one-hot (K_b, pixels) of the agreeing pixels, divided by each count: a matmul gives the means
            float[] weights = new float[classesOfImage.size() * pixels];
            for (int i = 0; i < pixels; i++) {
                int g = b * pixels + i;
                if (label[g] == pred[g]) {
                    int k = classesOfImage.indexOf(label[g]);
                    if (k >= 0) {
                        weights[k * pixels + i] = 1f / counts[b][label[g]];
                    }
                }
            }
            NDArray w = features.getManager().create(weights, new Shape(classesOfImage.size(), pixels))
                    .toType(features.getDataType(), false);
            NDArray means = w.matMul(flat.get(b).transpose());
            if (normalisationPooling) {
                float[] scale = new float[classesOfImage.size()];
                for (int k = 0; k < scale.length; k++) {
                    // adaptation_model.py:255: scale = sum(mask) / labels.shape[2] / labels.shape[3] * 2
                    scale[k] = 2f * counts[b][classesOfImage.get(k)] / pixels;
                }
                NDArray s = features.getManager().create(scale, new Shape(scale.length, 1)).toType(means.getDataType(), false);
                // value: the mean exactly (means - detached is 0); gradient: s times the mean's
                NDArray fixed = means.stopGradient();
                means = fixed.add(means.sub(fixed).mul(s));
            }
            rows.add(means);
            kept.addAll(classesOfImage);
        }
        NDArray means = rows.isEmpty() ? features.getManager().zeros(new Shape(0, d))
                : rows.size() == 1 ? rows.get(0) : NDArrays.concat(new ai.djl.ndarray.NDList(rows), 0);
        return new ClassFeatureMeans(means, kept.stream().mapToInt(Integer::intValue).toArray());
    }
}
