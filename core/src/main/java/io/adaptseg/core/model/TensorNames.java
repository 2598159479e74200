package io.adaptseg.core.model;

/**
 * The names of an exported model's tensors (docs/ARCHITECTURE.md, "Contracts"): the exporter declares
 * them, the runtime and parity look them up.
 */
public final class TensorNames {
    /** Input: float32 [N,3,H,W], normalised as {@link ModelMetadata#normalization()} says. */
    public static final String IMAGE = "image";
    /** Output: float32 [N,C,h,w] at the network's output stride. */
    public static final String LOGITS = "logits";
    /** Output: uint8 [N,H,W], the argmax of the logits upsampled to the input size. */
    public static final String LABELS = "labels";

    private TensorNames() {
    }
}
