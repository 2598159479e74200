package io.adaptseg.export.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.train.model.Segmenter;
import java.util.List;

/**
 * The trained network on DJL's PyTorch engine, in inference mode: the selected heads summed (as the
 * exporter does), then the label rule every side shares ({@link LabelRule}), the same rule as the graph's
 * own {@code labels} output. Owns its scratch manager; the segmenter's parameters stay the caller's.
 */
final class DjlSide implements ReferenceSide {
    private final Segmenter segmenter;
    private final List<String> heads;
    private final NDManager manager;
    private final Convention upsampling;

    /** @param upsampling the logits upsampling convention the model declares (its metadata) */
    DjlSide(Segmenter segmenter, List<String> heads, Convention upsampling) {
        this.segmenter = segmenter;
        this.heads = List.copyOf(heads);
        this.upsampling = upsampling;
        // the images go to the device the checkpoint was loaded on (export/parity --device)
        this.manager = NDManager.newBaseManager(segmenter.device(), "PyTorch");
    }

    @Override
    public String name() {
        return "DJL";
    }

    /**
     * Logits [N,C,h,w] and labels [N,outH,outW]: the evaluation convention, where logits of the
     * network-size input are upsampled to the ground truth's size before the argmax.
     */
    @Override
    public Prediction predict(float[] input, long[] shape, long outH, long outW) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = scope.create(input, new Shape(shape));
            NDList out = segmenter.forward(new ParameterStore(scope, false), image, false);
            NDArray logits = segmenter.summedLogits(out, heads);
            float[] values = logits.toFloatArray();
            long[] logitsShape = logits.getShape().getShape();
            return new Prediction(values, logitsShape, LabelRule.upsampleArgmax(values, logitsShape, outH, outW, upsampling));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
