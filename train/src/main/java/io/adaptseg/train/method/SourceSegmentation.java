package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.adaptseg.train.loss.PixelCrossEntropy;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.nd.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;

/**
 * The supervised part shared by the methods: every head's logits upsampled to the label size, CE on
 * each, evaluation heads at weight 1 and the auxiliary head at {@code lambdaSeg}. Loss names follow the
 * reference logs: {@code loss_seg1} for the first head (layer3 auxiliary of {@code multi}) and
 * {@code loss_seg2} for the second; a single-head network reports {@code loss_seg}.
 */
public final class SourceSegmentation implements SourceLoss {
    private final Segmenter segmenter;
    private final double lambdaSeg;

    public SourceSegmentation(Segmenter segmenter, double lambdaSeg) {
        this.segmenter = segmenter;
        this.lambdaSeg = lambdaSeg;
    }

    /** Loss-name suffix of head {@code i}: "" for single-head networks, else its 1-based level. */
    public static String level(Segmenter segmenter, int i) {
        return segmenter.heads().size() == 1 ? "" : String.valueOf(i + 1);
    }

    /** Weight of head {@code i} in the segmentation loss. */
    double weight(int i) {
        return segmenter.evaluationHeads().contains(segmenter.heads().get(i)) ? 1.0 : lambdaSeg;
    }

    public List<String> lossNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segmenter.heads().size(); i++) {
            names.add("loss_seg" + level(segmenter, i));
        }
        return names;
    }

    /** The logits of every head (in {@link Segmenter#heads()} order) upsampled to (height, width). */
    public static NDList upsampledHeads(Segmenter segmenter, NDList outputs, long[] size) {
        NDList up = new NDList(segmenter.heads().size());
        for (String head : segmenter.heads()) {
            // AdaptSegNet train_gta2cityscapes_multi.py:250-251: nn.Upsample(..., align_corners=True)
            up.add(segmenter.upsample(segmenter.logits(outputs, head), size[0], size[1]));
        }
        return up;
    }

    /** Per-head CE of the upsampled predictions, by {@link #lossNames()}. */
    @Override
    public SequencedMap<String, NDArray> terms(NDList upsampled, NDArray labels) {
        List<String> names = lossNames();
        SequencedMap<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < upsampled.size(); i++) {
            out.put(names.get(i), PixelCrossEntropy.compute(upsampled.get(i), labels));
        }
        return out;
    }

    /** The weighted sum that is back-propagated. */
    @Override
    public NDArray total(SequencedMap<String, NDArray> terms) {
        NDArray total = null;
        int i = 0;
        for (NDArray loss : terms.values()) {
            double w = weight(i++);
            if (w == 0) {
                continue;
            }
            NDArray term = Scalars.times(loss, w);
            total = total == null ? term : total.add(term);
        }
        return total;
    }
}
