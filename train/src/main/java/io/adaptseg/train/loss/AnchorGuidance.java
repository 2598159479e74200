package io.adaptseg.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.train.nd.Scalars;

/**
 * CAG's two uses of the category anchors (class centroids of source features, (C, D)):
 * the anchor-based pseudo-labels (nearest anchor, kept only when the second nearest is at least
 * {@code deltaD} farther) and the anchor distance loss (SmoothL1 between per-image class centroids
 * and their anchors). Classes without an anchor are never assigned and never pulled.
 */
public final class AnchorGuidance {
    /** CAG's margin between the nearest and the second-nearest anchor. */
    public static final double REFERENCE_DELTA_D = 2.5;
    /** CAG's weight of the distance loss ({@code cls_feature_weight}). */
    public static final double REFERENCE_WEIGHT = 0.7;
    private static final float FAR = 1e30f;

    private AnchorGuidance() {
    }

    /**
     * L2 distance of every pixel's feature to every anchor: (N, C, h, w). Absent classes get a huge
     * distance. Computed as sqrt(|f|^2 - 2 f.a + |a|^2) so no (N, C, D, h, w) array is formed.
     *
     * @param present which rows of {@code anchors} hold an anchor
     */
    public static NDArray distances(NDArray features, NDArray anchors, boolean[] present) {
        Shape fs = features.getShape();
        int c = (int) anchors.getShape().get(0);
        if (fs.dimension() != 4 || anchors.getShape().dimension() != 2 || anchors.getShape().get(1) != fs.get(1)
                || present.length != c) {
            throw new IllegalArgumentException("anchor distances need features (N,D,h,w) and anchors (C,D) of one D,"
                    + " found " + fs + " and " + anchors.getShape());
        }
        long n = fs.get(0);
        long pixels = fs.get(2) * fs.get(3);
        NDArray f = features.stopGradient().reshape(n, fs.get(1), pixels);
        NDArray dot = anchors.matMul(f); // (N, C, pixels)
        NDArray fNorm = f.square().sum(new int[] {1}, true); // (N, 1, pixels)
        NDArray aNorm = anchors.square().sum(new int[] {1}).reshape(1, c, 1);
        NDArray d = Scalars.atLeast(fNorm.sub(Scalars.times(dot, 2)).add(aNorm), 0).sqrt();
        float[] far = new float[c];
        for (int k = 0; k < c; k++) {
            far[k] = present[k] ? 0f : FAR;
        }
        d = d.add(features.getManager().create(far, new Shape(1, c, 1)));
        return d.reshape(n, c, fs.get(2), fs.get(3));
    }

    /**
     * CAG (b): per pixel the class of the nearest anchor when {@code second - nearest >= deltaD},
     * else {@link PixelCrossEntropy#IGNORE}; int32 (N, h, w).
     */
    public static NDArray nearestAnchorLabels(NDArray features, NDArray anchors, boolean[] present, double deltaD) {
        NDArray d = distances(features, anchors, present);
        int c = (int) d.getShape().get(1);
        NDArray nearest = d.argMin(1);
        NDArray dMin = d.min(new int[] {1});
        NDArray oneHot = nearest.oneHot(c).transpose(0, 3, 1, 2).toType(d.getDataType(), false);
        NDArray second = d.add(Scalars.times(oneHot, FAR)).min(new int[] {1});
        NDArray trusted = second.sub(dMin).gte(deltaD).logicalAnd(dMin.lt(FAR / 2));
        return PseudoLabels.masked(nearest, trusted);
    }

    /**
     * The anchor distance loss of one domain: SmoothL1 (beta 1, mean over D) between each centroid
     * and its class anchor; a term above 5 is divided by 10 until it is not (CAG's guard against
     * far-off early features); the terms are averaged and multiplied by 10, as the reference
     * {@code class_vectors_alignment}. Centroids of classes without an anchor are skipped. Zero when
     * no centroid remains.
     */
    public static NDArray distanceLoss(ClassFeatureMeans centroids, NDArray anchors, boolean[] present) {
        NDArray total = null;
        int used = 0;
        for (int k = 0; k < centroids.size(); k++) {
            int cls = centroids.classes()[k];
            if (!present[cls]) {
                continue;
            }
            NDArray term = smoothL1(centroids.means().get(k), anchors.get(cls));
            double value = term.getFloat();
            double scale = 1;
            // an infinite distance would never get below 5: it goes through unscaled and the loop's NaN check stops the run
            while (Double.isFinite(value) && value * scale > 5) {
                scale /= 10;
            }
            term = scale == 1 ? term : Scalars.times(term, scale);
            total = total == null ? term : total.add(term);
            used++;
        }
        if (total == null) {
            return anchors.getManager().create(0f);
        }
        return Scalars.times(Scalars.over(total, used), 10);
    }

    /** PyTorch's {@code SmoothL1Loss()} (beta 1, mean): 0.5 x^2 where |x| < 1, else |x| - 0.5. */
    public static NDArray smoothL1(NDArray prediction, NDArray target) {
        NDArray a = prediction.sub(target.stopGradient()).abs();
        return NDArrays.where(a.lt(1f), Scalars.times(a.square(), 0.5), a.sub(0.5f)).mean();
    }

    /** Argmax of logits as int32 (N, h, w). */
    public static NDArray argmax(NDArray logits) {
        return logits.argMax(1).toType(DataType.INT32, false);
    }
}
