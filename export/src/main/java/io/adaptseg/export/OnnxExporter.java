package io.adaptseg.export;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.emit.Emission;
import io.adaptseg.export.emit.EmitterRegistry;
import io.adaptseg.export.onnx.BatchNormFolding;
import io.adaptseg.export.onnx.Float16Conversion;
import io.adaptseg.export.onnx.Float16Note;
import io.adaptseg.export.onnx.GraphBuilder;
import io.adaptseg.export.onnx.Graphs;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.onnx.SegmentationOutputs;
import io.adaptseg.train.model.Segmenter;
import java.util.List;

/**
 * Turns a segmenter with loaded parameters into an ONNX model that follows the contract: walks its
 * DJL blocks through the {@link EmitterRegistry}, sums the selected heads into {@code logits},
 * appends the label head, then applies batch-norm folding and float16 conversion when asked.
 */
public final class OnnxExporter {
    private final EmitterRegistry registry;

    public OnnxExporter(EmitterRegistry registry) {
        this.registry = registry;
    }

    /** An exporter for the networks' whole block vocabulary. */
    public static OnnxExporter standard() {
        return new OnnxExporter(EmitterRegistry.standard());
    }

    /**
     * Exports the network.
     *
     * @throws AdaptsegException for a block without an emitter (naming it) or a head that does not exist
     */
    public ModelProto export(Segmenter segmenter, ExportOptions options, ModelMetadata metadata)
            throws AdaptsegException {
        return exportWithNotes(segmenter, options, metadata).model();
    }

    /** A model and what its float16 conversion decided (empty for float32). */
    public record Exported(ModelProto model, List<Float16Note> float16Notes) {
        public Exported {
            float16Notes = List.copyOf(float16Notes);
        }
    }

    /**
     * Exports the network and returns the float16 conversion's notes with it.
     *
     * @throws AdaptsegException as {@link #export}, and naming the tensor when a float16 conversion
     *     cannot keep a value in range
     */
    public Exported exportWithNotes(Segmenter segmenter, ExportOptions options, ModelMetadata metadata)
            throws AdaptsegException {
        if (metadata.labelSet().size() != segmenter.numClasses()) {
            throw new AdaptsegException("label set " + metadata.labelSet().id() + " has " + metadata.labelSet().size()
                    + " classes but " + segmenter.architecture() + " outputs " + segmenter.numClasses());
        }
        List<String> heads = HeadSelection.heads(segmenter, options.head());
        GraphBuilder g = new GraphBuilder();
        String image = SegmentationOutputs.declareImage(g);
        List<String> outputs = registry.emit(segmenter.block(), "", List.of(image), new Emission(g, registry));
        if (outputs.size() != segmenter.outputs().size()) {
            throw new AdaptsegException("the emitted " + segmenter.architecture() + " has " + outputs.size()
                    + " outputs, the network declares " + segmenter.outputs());
        }
        String logits = outputs.get(segmenter.outputs().indexOf(heads.getFirst()));
        for (int i = 1; i < heads.size(); i++) {
            String other = outputs.get(segmenter.outputs().indexOf(heads.get(i)));
            logits = g.node("Add", "heads_sum", List.of(logits, other));
        }
        SegmentationOutputs.append(g, image, logits, segmenter.numClasses(), metadata.logitsUpsampling());
        // heads that are not exported would otherwise stay in the file as dead weight
        GraphProto graph = Graphs.withoutDeadNodes(g.build(segmenter.architecture()));
        // float16 always folds first: batch-norm statistics live on the input's scale (a running
        // variance of 1.46e5 after conv1 on 0-255 pixels) and overflow float16, folded weights do not
        if (options.foldsBatchNorm()) {
            graph = BatchNormFolding.fold(graph);
        }
        List<Float16Note> notes = List.of();
        if (options.float16()) {
            Float16Conversion.Result half = Float16Conversion.convertChecked(graph, List.of(SegmentationOutputs.LOGITS));
            graph = half.graph();
            notes = half.notes();
        }
        return new Exported(OnnxModels.model(graph, options.opset(), metadata.toProperties(), Versions.adaptseg()),
                notes);
    }
}
