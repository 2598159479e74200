package io.adaptseg.export.parity;

/**
 * The three paths on a labelled dataset: the reference (the trained network in DJL, or the float32 model
 * a float16 or int8 model is proven against), the exported graph (ONNX Runtime through DJL) and the
 * deployed edge runtime, with mIoU (percent) of each against the ground truth, the deltas to the
 * reference ({@code djl…} components: the reference's), and pixel agreement of the graph and the runtime
 * with the reference's labels.
 *
 * @param reference what the model was compared with, "DJL" (the trained network) or "float32 ONNX"
 * @param layout where the samples came from ("cityscapes/val", "folders")
 * @param protocol the scoring protocol of the model's label set
 * @param runtimeNormalization whether the normalisation the runtime read from the metadata equals
 *     the model family's (the one DJL and the graph were fed with)
 * @param maxAbsDelta max |Δlogit| between DJL and the graph over the dataset (network-size inputs)
 */
public record DatasetResult(String reference, String layout, String protocol, String gtFormat, int images, long pixels,
                            double djlMiou, double onnxMiou, double runtimeMiou, double onnxMiouDelta,
                            double runtimeMiouDelta, double onnxAgreement, double runtimeAgreement,
                            double maxAbsDelta, double meanAbsDelta, boolean runtimeNormalization) {
    String toText() {
        return String.format("  dataset %s (%d images, %d px, %s, ground truth %s):%n"
                        + "    %-22s %9s %10s %12s%n"
                        + "    %-22s %9.4f %10s %12s%n"
                        + "    %-22s %9.4f %+10.4f %12.4f   max|dlogit| %.3g, mean %.3g%n"
                        + "    %-22s %9.4f %+10.4f %12.4f   normalisation %s%n",
                layout, images, pixels, protocol, gtFormat,
                "path", "mIoU %", "delta", "agree %",
                reference.equals("DJL") ? "DJL (trained)" : reference, djlMiou, "", "",
                "ONNX graph (ORT)", onnxMiou, onnxMiouDelta, 100 * onnxAgreement, maxAbsDelta, meanAbsDelta,
                "edge runtime", runtimeMiou, runtimeMiouDelta, 100 * runtimeAgreement,
                runtimeNormalization ? "as the family's" : "DIFFERS from the family's");
    }
}
