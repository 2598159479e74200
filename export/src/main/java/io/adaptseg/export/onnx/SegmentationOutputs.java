package io.adaptseg.export.onnx;

import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.core.resample.Convention;
import java.util.List;

/**
 * The contract's inputs and outputs around a network body (docs/ARCHITECTURE.md, "Contracts"): input
 * {@code image} float32 [N,3,H,W] with symbolic N, H, W; output {@code logits} float32 [N,C,h,w] at
 * the network's stride; output {@code labels} uint8 [N,H,W], the argmax of the logits upsampled in
 * the graph to the input size with {@code Resize(linear)} in the model's upsampling convention
 * ({@link io.adaptseg.core.model.ModelMetadata#logitsUpsampling()}). Labels are uint8 because
 * no label set has more than 255 classes and full-resolution maps are the largest tensor the runtime
 * copies out.
 */
public final class SegmentationOutputs {
    public static final String IMAGE = TensorNames.IMAGE;
    public static final String LOGITS = TensorNames.LOGITS;
    public static final String LABELS = TensorNames.LABELS;
    public static final String BATCH = "N";
    public static final String HEIGHT = "H";
    public static final String WIDTH = "W";

    private SegmentationOutputs() {
    }

    /** Declares the {@code image} input and returns its name. */
    public static String declareImage(GraphBuilder g) {
        return g.input(IMAGE, DataType.FLOAT, BATCH, 3, HEIGHT, WIDTH);
    }

    /**
     * Names the body's output {@code logits} (through an Identity when it has another name), appends
     * the upsample + argmax label head and declares both outputs.
     */
    public static void append(GraphBuilder g, String image, String bodyOutput, int classes, Convention upsampling) {
        if (classes < 1 || classes > 255) {
            throw new IllegalArgumentException("classes must be in 1..255 for uint8 labels, found " + classes);
        }
        String logits = bodyOutput.equals(LOGITS) ? bodyOutput : g.namedNode("Identity", LOGITS, List.of(bodyOutput));
        String sizes = ShapeOps.resizeTarget(g, "upsampled", logits, image);
        String upsampled = g.node("Resize", "logits_upsampled", List.of(logits, "", "", sizes),
                Attributes.string("mode", "linear"),
                Attributes.string("coordinate_transformation_mode", upsampling.onnxName()));
        String argmax = g.node("ArgMax", "argmax", List.of(upsampled),
                Attributes.integer("axis", 1), Attributes.integer("keepdims", 0));
        g.namedNode("Cast", LABELS, List.of(argmax), Attributes.integer("to", DataType.UINT8_VALUE));
        g.output(LOGITS, DataType.FLOAT, BATCH, classes, "h", "w");
        g.output(LABELS, DataType.UINT8, BATCH, HEIGHT, WIDTH);
    }
}
