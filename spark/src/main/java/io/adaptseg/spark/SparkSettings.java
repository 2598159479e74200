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
        Optional<Path> ortLibrary, int batch, boolean flip, Set<OutputFormat> formats, Path out, boolean resume,
        boolean requireScore, int partitions) {
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
        new PredictOptions(batch, flip, Optional.empty());
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, found " + threads);
        }
    }

    /** CPU, Java backend, batches of {@code batch}, trainId + labelId + colour files, automatic partitions. */
    public static SparkSettings defaults(Path model, Path out, int batch) {
        return new SparkSettings(model, "java", "cpu", "cpu", 0, Optional.empty(), batch, false,
                EnumSet.of(OutputFormat.TRAINID, OutputFormat.LABELID, OutputFormat.COLOR), out, false, false, 0);
    }

    public SparkSettings withResume(boolean value) {
        return new SparkSettings(model, backend, providers, fallback, threads, ortLibrary, batch, flip, formats, out, value,
                requireScore, partitions);
    }

    public SparkSettings withOut(Path value) {
        return new SparkSettings(model, backend, providers, fallback, threads, ortLibrary, batch, flip, formats, value, resume,
                requireScore, partitions);
    }

    public SparkSettings withPartitions(int value) {
        return new SparkSettings(model, backend, providers, fallback, threads, ortLibrary, batch, flip, formats, out, resume,
                requireScore, value);
    }

    /** The same run as single-JVM {@code predict} settings (what the benchmark compares against). */
    public PredictSettings toPredictSettings() {
        BackendOptions options = new BackendOptions(ExecutionProviders.parse(providers, FallbackPolicy.parse(fallback)),
                threads, 0, ortLibrary);
        return new PredictSettings(model, BackendKind.parse(backend), options, new PredictOptions(batch, flip, Optional.empty()),
                formats, out, resume, requireScore, PixelBudget.configured());
    }
}
