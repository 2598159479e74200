package io.adaptseg.spark;

import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictOptionValues;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a task needs, shipped with the closure: the model's {@code SparkFiles} name, the
 * runtime options as their command-line text (parsed again on the executor, so the same fallback
 * rules apply there), the outputs, the job's run id (journal folder) and an optional fault.
 *
 * @param ortLibrary the native backend's libonnxruntime on the executors, or null for the jar's
 * @param sliding the sliding-window spec as {@code --sliding} text, or null for whole images
 * @param fault null in normal runs
 */
record ExecutorSpec(String modelName, String backend, String providers, String fallback, int threads, String ortLibrary,
        int batch, boolean flip, String sliding, long maxPixels, EnumSet<OutputFormat> formats, String out, String runId,
        boolean score, FaultInjection fault) implements Serializable {
    ExecutorSpec {
        formats = EnumSet.copyOf(formats);
    }

    static ExecutorSpec of(SparkSettings s, String runId, boolean score, FaultInjection fault) {
        return new ExecutorSpec(s.model().getFileName().toString(), s.backend(), s.providers(), s.fallback(), s.threads(),
                s.ortLibrary().map(Path::toString).orElse(null), s.batch(), s.predict().flip(),
                s.predict().sliding().map(PredictOptionValues::slidingText).orElse(null), s.pixelBudget().maxPixels(),
                EnumSet.copyOf(s.formats()),
                s.out().toString(), runId, score, fault);
    }

    BackendKind backendKind() {
        return BackendKind.parse(backend);
    }

    BackendOptions backendOptions() {
        ExecutionProviders p = ExecutionProviders.parse(providers, FallbackPolicy.parse(fallback));
        return new BackendOptions(p, threads, 0, Optional.ofNullable(ortLibrary).map(Path::of));
    }

    PredictOptions predictOptions() {
        return new PredictOptions(batch, flip, Optional.ofNullable(sliding).map(PredictOptionValues::sliding));
    }

    /** The driver's {@code --max-pixels}, applied by the executors' image readers. */
    PixelBudget pixelBudget() {
        return new PixelBudget(maxPixels);
    }

    Set<OutputFormat> outputFormats() {
        return Set.copyOf(formats);
    }
}
