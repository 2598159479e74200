package io.adaptseg.export;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.export.onnx.ModelChecker;
import io.adaptseg.export.onnx.SegmentationOutputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes an exported model so that {@code target} only ever holds a checked file: the bytes go to a
 * temporary file beside it, ONNX Runtime loads that file and runs a probe batch, the output shapes
 * are compared with the contract ({@code logits} [N, C, ~H/stride, ~W/stride], {@code labels}
 * [N, H, W]), and only then is the file renamed over the target.
 */
public final class CheckedModelWriter {
    /** Probe batch size: above 1, so a graph that hard-codes N = 1 fails. */
    static final int PROBE_BATCH = 2;

    private CheckedModelWriter() {
    }

    /**
     * @return the probe's output shapes by name
     * @throws AdaptsegException naming the target and what failed; the target is left untouched
     */
    public static Map<String, long[]> write(ModelProto model, Path target, int classes, int outputStride)
            throws AdaptsegException, IOException {
        requireFiniteInitializers(model, target);
        return AtomicFiles.writeChecked(target, model::writeTo, written -> probe(model, target, written, classes,
                outputStride));
    }

    /**
     * Refuses a model whose float32 or float16 weights hold NaN or infinity: ONNX Runtime loads such
     * a model and it predicts garbage. Catches what the checkpoint check cannot: float16 overflow
     * ({@code --fp16} turns weights above 65504 into infinity) and batch-norm folding.
     *
     * @throws AdaptsegException naming the target and the initializer
     */
    static void requireFiniteInitializers(ModelProto model, Path target) throws AdaptsegException {
        for (TensorProto t : model.getGraph().getInitializerList()) {
            java.nio.ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
            long bad = 0;
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
                for (int i = 0; i + 4 <= raw.limit(); i += 4) {
                    bad += Float.isFinite(raw.getFloat(i)) ? 0 : 1;
                }
                for (float f : t.getFloatDataList()) {
                    bad += Float.isFinite(f) ? 0 : 1;
                }
            } else if (t.getDataType() == TensorProto.DataType.FLOAT16_VALUE) {
                for (int i = 0; i + 2 <= raw.limit(); i += 2) {
                    bad += (raw.getShort(i) & 0x7C00) == 0x7C00 ? 1 : 0; // exponent all ones: Inf or NaN
                }
            }
            if (bad > 0) {
                throw new AdaptsegException(target + ": not written: weight " + t.getName() + " has " + bad
                        + " non-finite values (NaN or Inf)" + (t.getDataType() == TensorProto.DataType.FLOAT16_VALUE
                                ? "; float16 holds at most 65504, export without --fp16" : "; the checkpoint's weights diverged"));
            }
        }
    }

    /** Loads the written file in ONNX Runtime, runs the probe batch and checks the output shapes. */
    private static Map<String, long[]> probe(ModelProto model, Path target, Path written, int classes,
            int outputStride) throws AdaptsegException, IOException {
        // different H and W, both a multiple of the stride and not of each other, so swaps show
        long h = 8L * outputStride;
        long w = 12L * outputStride;
        Map<String, long[]> shapes = ModelChecker.check(target.toString(), model, Files.readAllBytes(written),
                new long[] {PROBE_BATCH, 3, h, w});
        long[] logits = shapes.get(SegmentationOutputs.LOGITS);
        long[] labels = shapes.get(SegmentationOutputs.LABELS);
        if (logits == null || labels == null || logits.length != 4 || logits[0] != PROBE_BATCH || logits[1] != classes
                || Math.abs(logits[2] - h / outputStride) > 1 || Math.abs(logits[3] - w / outputStride) > 1
                || labels.length != 3 || labels[0] != PROBE_BATCH || labels[1] != h || labels[2] != w) {
            throw new AdaptsegException(target + ": probe input [" + PROBE_BATCH + ", 3, " + h + ", " + w
                    + "] gave logits " + java.util.Arrays.toString(logits) + " and labels "
                    + java.util.Arrays.toString(labels) + "; expected [" + PROBE_BATCH + ", " + classes + ", ~"
                    + h / outputStride + ", ~" + w / outputStride + "] and [" + PROBE_BATCH + ", " + h + ", " + w + "]");
        }
        return shapes;
    }
}
