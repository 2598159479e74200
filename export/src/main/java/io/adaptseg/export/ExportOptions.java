package io.adaptseg.export;

import io.adaptseg.export.onnx.OnnxModels;

/**
 * How to export a segmenter.
 *
 * @param head which logits become {@code logits}: {@link #EVALUATION_HEADS} (the method's evaluation
 *             convention: the main layer4 head, or the sum of CLAN's two), {@link #ALL_HEADS} (the sum
 *             of every head), or one head's name ({@code main}, {@code aux}, {@code c1}, ...)
 * @param foldBatchNorm fold each BatchNormalization into the Conv before it
 * @param float16 weights and compute in float16, input and outputs still float32
 * @param opset ONNX operator set, {@link OnnxModels#MIN_OPSET}..{@link OnnxModels#MAX_OPSET}
 */
public record ExportOptions(String head, boolean foldBatchNorm, boolean float16, int opset) {
    public static final String EVALUATION_HEADS = "eval";
    public static final String ALL_HEADS = "sum";

    public ExportOptions {
        if (head == null || head.isBlank()) {
            throw new IllegalArgumentException("head must be '" + EVALUATION_HEADS + "', '" + ALL_HEADS
                    + "' or a head name, found '" + head + "'");
        }
        OnnxModels.checkOpset(opset);
    }

    /** The evaluation head(s), no folding, float32, the default opset. */
    public static ExportOptions defaults() {
        return new ExportOptions(EVALUATION_HEADS, false, false, OnnxModels.DEFAULT_OPSET);
    }

    /**
     * Whether the written graph's batch norms are folded: when asked, and always for float16, whose
     * conversion folds first (batch-norm statistics on the input's scale overflow float16; folded
     * weights do not). What the provenance records as {@code fold_bn}.
     */
    public boolean foldsBatchNorm() {
        return foldBatchNorm || float16;
    }

    public ExportOptions withHead(String value) {
        return new ExportOptions(value, foldBatchNorm, float16, opset);
    }

    public ExportOptions withFoldBatchNorm(boolean value) {
        return new ExportOptions(head, value, float16, opset);
    }

    public ExportOptions withFloat16(boolean value) {
        return new ExportOptions(head, foldBatchNorm, value, opset);
    }

    public ExportOptions withOpset(int value) {
        return new ExportOptions(head, foldBatchNorm, float16, value);
    }
}
