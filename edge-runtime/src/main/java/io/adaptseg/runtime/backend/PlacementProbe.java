package io.adaptseg.runtime.backend;

import io.adaptseg.core.AdaptsegException;
import java.util.List;

/**
 * The placement of a session that has not run yet, for commands that only inspect a model
 * ({@code info --model}): one run of a blank image, so ONNX Runtime's profiler records where each
 * node ran. ONNX Runtime decides placement when the session is created, so the input's content does
 * not matter; its size is the model's, so shape-dependent providers (TensorRT) see what they will run.
 */
public final class PlacementProbe {
    private PlacementProbe() {
    }

    /** The placement line, after one run on a zero image [1, 3, height, width] when none ran yet. */
    public static String line(InferenceBackend backend, String input, int height, int width) {
        if (backend.placement().isEmpty()) {
            List<String> outputs = backend.outputs().stream().map(TensorInfo::name).toList();
            try {
                backend.run(input, new float[3 * height * width], new long[] {1, 3, height, width}, outputs);
            } catch (AdaptsegException | RuntimeException e) {
                return "placement: unknown (a probe run on 1x3x" + height + "x" + width + " failed: " + e.getMessage() + ")";
            }
        }
        return backend.placementLine();
    }
}
