package io.adaptseg.export.parity;

/**
 * DJL vs ONNX Runtime on random inputs of one size.
 *
 * @param agreement fraction of label pixels where both sides agree
 * @param logitsShapeMatch whether both sides' logits have the same shape (if not, the deltas are NaN)
 */
public record SizeResult(int batch, int height, int width, boolean logitsShapeMatch, double maxAbsDelta,
                         double meanAbsDelta, long pixels, double agreement, boolean passed) {
}
