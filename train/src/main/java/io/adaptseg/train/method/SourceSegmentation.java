package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.adaptseg.train.loss.PixelCrossEntropy;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervised part shared by the methods: every head's logits upsampled to the label size, CE on
 * each, the main head at weight 1 and the auxiliary head at {@code lambdaSeg}. Loss names follow the
 * reference logs: {@code loss_seg1} for the auxiliary (layer3) head and {@code loss_seg2} for the
 * main one; a single-head network reports {@code loss_seg}.
 */
final class SourceSegmentation {
    private final TrainableSegmenter segmenter;
    private final double lambdaSeg;

    SourceSegmentation(TrainableSegmenter segmenter, double lambdaSeg) {
        this.segmenter = segmenter;
        this.lambdaSeg = lambdaSeg;
    }

    /** Loss-name suffix of head {@code i}: "" for single-head networks, else its 1-based level. */
    static String level(TrainableSegmenter segmenter, int i) {
        return segmenter.heads().size() == 1 ? "" : String.valueOf(i + 1);
    }

    /** Weight of head {@code i} in the segmentation loss. */
    double weight(int i) {
        return segmenter.heads().get(i).equals(segmenter.evaluationHead()) ? 1.0 : lambdaSeg;
    }

    List<String> lossNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segmenter.heads().size(); i++) {
            names.add("loss_seg" + level(segmenter, i));
        }
        return names;
    }

    /** Upsamples every output to (height, width). */
    static NDList upsampled(NDList outputs, long[] size) {
        NDList up = new NDList(outputs.size());
        for (NDArray o : outputs) {
            up.add(Upsample.to(o, size[0], size[1]));
        }
        return up;
    }

    /** Per-head CE of the upsampled predictions; {@code total} receives the weighted sum. */
    NDArray[] losses(NDList upsampled, NDArray labels) {
        NDArray[] out = new NDArray[upsampled.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = PixelCrossEntropy.compute(upsampled.get(i), labels);
        }
        return out;
    }

    NDArray weightedSum(NDArray[] losses) {
        NDArray total = null;
        for (int i = 0; i < losses.length; i++) {
            double w = weight(i);
            if (w == 0) {
                continue;
            }
            NDArray term = losses[i].mul(w);
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
