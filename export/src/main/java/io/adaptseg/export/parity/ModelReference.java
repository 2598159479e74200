package io.adaptseg.export.parity;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.resample.Convention;
import java.nio.file.Path;

/**
 * A float32 ONNX model as the reference side: the step of the parity chain that proves a float16 or
 * int8 model against the float32 model that was itself proven against the trained network. Its labels
 * follow the shared rule ({@link LabelRule}) on its logits, exactly as the network's side does.
 */
final class ModelReference implements ReferenceSide {
    private final OrtSide ort;
    private final Convention upsampling;

    ModelReference(Path float32, Convention upsampling) throws AdaptsegException {
        this.ort = new OrtSide(float32);
        this.upsampling = upsampling;
    }

    @Override
    public String name() {
        return "float32 ONNX";
    }

    @Override
    public Prediction predict(float[] input, long[] shape, long outH, long outW) throws AdaptsegException {
        Prediction p = ort.predict(input, shape);
        return new Prediction(p.logits(), p.logitsShape(),
                LabelRule.upsampleArgmax(p.logits(), p.logitsShape(), outH, outW, upsampling));
    }

    @Override
    public void close() {
        ort.close();
    }
}
