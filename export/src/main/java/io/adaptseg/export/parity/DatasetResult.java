package io.adaptseg.export.parity;

/**
 * The three paths on a labelled dataset: the trained network (DJL), the exported graph (ONNX Runtime
 * through DJL) and the deployed edge runtime, with mIoU (percent) of each against the ground truth,
 * the deltas to DJL, and pixel agreement of the graph and the runtime with DJL's labels.
 */
public record DatasetResult(int images, long pixels, double djlMiou, double onnxMiou, double runtimeMiou,
                            double onnxMiouDelta, double runtimeMiouDelta, double onnxAgreement,
                            double runtimeAgreement, double maxAbsDelta, double meanAbsDelta) {
    String toText() {
        return String.format("  dataset: %d images; mIoU djl %.3f, onnx %.3f (delta %+.4f, agree %.4f %%),"
                        + " runtime %.3f (delta %+.4f, agree %.4f %%); max|dlogit| %.3g%n", images, djlMiou, onnxMiou,
                onnxMiouDelta, 100 * onnxAgreement, runtimeMiou, runtimeMiouDelta, 100 * runtimeAgreement, maxAbsDelta);
    }
}
