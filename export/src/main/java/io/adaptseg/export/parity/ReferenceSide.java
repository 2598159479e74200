package io.adaptseg.export.parity;

import io.adaptseg.core.AdaptsegException;

/**
 * What a model is proven against: the trained network in DJL ({@link DjlSide}), or a float32 ONNX model
 * already proven against it ({@link ModelReference}), so that a float16 or int8 model is judged against
 * the float32 graph on ONNX Runtime instead of paying for another forward of the network per input.
 */
interface ReferenceSide extends AutoCloseable {
    /** What the report calls this side: "DJL" (the trained network) or "float32 ONNX". */
    String name();

    /**
     * Logits [N,C,h,w] and labels [N,outH,outW] for a float32 NCHW batch: the logits upsampled in the
     * model's convention and argmaxed with the shared rule ({@link LabelRule}).
     */
    Prediction predict(float[] input, long[] shape, long outH, long outW) throws AdaptsegException;

    /** The same at the input's own size. */
    default Prediction predict(float[] input, long[] shape) throws AdaptsegException {
        return predict(input, shape, shape[2], shape[3]);
    }

    @Override
    void close();
}
