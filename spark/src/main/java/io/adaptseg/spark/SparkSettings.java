package io.adaptseg.spark;

import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictSettings;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code adaptseg spark predict} does: {@code predict}'s settings with the runtime options kept
 * as text (they are parsed again on every executor) and the number of partitions (0: four per core
 * of the cluster, at most one per image). The constructor parses them once, so a bad value fails on
 * the driver before any job starts.
 *
 * @param ortLibrary the native backend's libonnxruntime, a path valid on every executor
 * @throws IllegalArgumentException naming the bad value
 */
public record SparkSettings(Path model, String backend, String providers, String fallback, int threads,
        Optional<Path> ortLibrary, PredictOptions predict, Set<OutputFormat> formats, Path out, boolean resume,
        boolean requireScore, PixelBudget pixelBudget, int partitions) {
    public SparkSettings {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
        formats = Set.copyOf(EnumSet.copyOf(formats));
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0, found " + partitions);
        }
        BackendKind.parse(backend);
        ExecutionProviders.parse(providers, FallbackPolicy.parse(fallback));
        if (predict == null || pixelBudget == null) {
            throw new IllegalArgumentException("predict options and pixel budget are required");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
    }

    /**
     * CPU, Java backend, batches of {@code batch}, whole images, trainId + labelId + colour files, the
     * process's pixel budget, automatic partitions.
     */
    public static SparkSettings defaults(Path model, Path out, int batch) {
        return new SparkSettings(model, "java", "cpu", "cpu", 0, Optional.empty(), new PredictOptions(batch, false,
                Optional.empty()), EnumSet.of(OutputFormat.TRAINID, OutputFormat.LABELID, OutputFormat.COLOR), out, false,
                false, PixelBudget.configured(), 0);
    }

    /** Images per model run. */
    public int batch() {
        return predict.batchSize();
    }

    public SparkSettings withResume(boolean value) {
        return new SparkSettings(model, backend, providers, fallback, threads, ortLibrary, predict, formats, out, value,
                requireScore, pixelBudget, partitions);
    }

    public SparkSettings withOut(Path value) {
        return new SparkSettings(model, backend, providers, fallback, threads, ortLibrary, predict, formats, value, resume,
                requireScore, pixelBudget, partitions);
    }

    public SparkSettings withPartitions(int value) {
        return new SparkSettings(model, backend, providers, fallback, threads, ortLibrary, predict, formats, out, resume,
                requireScore, pixelBudget, value);
    }

    /** The same run as single-JVM {@code predict} settings (what the benchmark compares against). */
    public PredictSettings toPredictSettings() {
        BackendOptions options = new BackendOptions(ExecutionProviders.parse(providers, FallbackPolicy.parse(fallback)),
                threads, 0, ortLibrary);
        return new PredictSettings(model, BackendKind.parse(backend), options, predict, formats, out, resume, requireScore,
                pixelBudget);
    }
}
