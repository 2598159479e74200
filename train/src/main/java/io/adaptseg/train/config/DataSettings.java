package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.core.resample.ImageResize;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The source (labelled) and target (unlabelled) data: dataset layouts, folders, optional image
 * lists, crop sizes, how images are resized ({@code image-resize}: bilinear, bicubic or pil-bilinear,
 * for training and validation images alike), batch size and the decoding workers ahead of the loop.
 * A second labelled source
 * domain ({@code data-dir-source2}, e.g. a style-translated copy of the source) joins the first in
 * every source batch, each sample drawn from a domain with probability proportional to its entry of
 * {@code source-weights} (equal when the list is empty; docs/multi-source.md).
 */
public record DataSettings(
        @JsonProperty("source-dataset") String sourceDataset,
        @JsonProperty("data-dir") Path dataDir,
        @JsonProperty("data-list") Optional<Path> dataList,
        @JsonProperty("source2-dataset") Optional<String> source2Dataset,
        @JsonProperty("data-dir-source2") Optional<Path> dataDirSource2,
        @JsonProperty("data-list-source2") Optional<Path> dataListSource2,
        @JsonProperty("source-weights") List<Double> sourceWeights,
        @JsonProperty("target-dataset") String targetDataset,
        @JsonProperty("data-dir-target") Optional<Path> dataDirTarget,
        @JsonProperty("data-list-target") Optional<Path> dataListTarget,
        @JsonProperty("target-split") String targetSplit,
        @JsonProperty("input-size") Size inputSize,
        @JsonProperty("input-size-target") Size inputSizeTarget,
        @JsonProperty("image-resize") ImageResize imageResize,
        @JsonProperty("batch-size") int batchSize,
        @JsonProperty("num-workers") int numWorkers,
        @JsonProperty("prefetch") int prefetch) {
    /** The dataset layouts a source domain may have. */
    public static final List<String> SOURCE_KINDS = List.of("gta5", "synthia", "cityscapes");

    public DataSettings {
        Check.positive("batch-size", batchSize);
        Check.positive("num-workers", numWorkers);
        Check.positive("prefetch", prefetch);
        source2Dataset = source2Dataset.map(k -> Check.oneOfSuggesting("source2-dataset", k.trim(), SOURCE_KINDS));
        if (dataDirSource2.isEmpty() && (source2Dataset.isPresent() || dataListSource2.isPresent())) {
            throw new ConfigValueException("data-dir-source2", "set when source2-dataset or data-list-source2 is", "");
        }
        sourceWeights = List.copyOf(sourceWeights);
        int domains = dataDirSource2.isPresent() ? 2 : 1;
        if (!sourceWeights.isEmpty() && sourceWeights.size() != domains) {
            throw new ConfigValueException("source-weights", "one weight per source domain (" + domains + ": data-dir"
                    + (domains == 2 ? " and data-dir-source2" : "") + ") or [] for equal weights", sourceWeights);
        }
        double sum = 0;
        for (double w : sourceWeights) {
            if (!(Double.isFinite(w) && w >= 0)) {
                throw new ConfigValueException("source-weights", "a list of numbers >= 0", sourceWeights);
            }
            sum += w;
        }
        if (!sourceWeights.isEmpty() && !(sum > 0)) {
            throw new ConfigValueException("source-weights", "a list of numbers >= 0 that are not all 0", sourceWeights);
        }
    }

    /** Number of labelled source domains: 1, or 2 with {@code data-dir-source2}. */
    public int sourceDomains() {
        return dataDirSource2.isPresent() ? 2 : 1;
    }

    /** The layout of the second source: {@code source2-dataset}, else that of the first. */
    public String source2Kind() {
        return source2Dataset.orElse(sourceDataset);
    }

    /** One sampling weight per source domain ({@code source-weights}, or equal weights). */
    public double[] weights() {
        double[] w = new double[sourceDomains()];
        for (int k = 0; k < w.length; k++) {
            w[k] = sourceWeights.isEmpty() ? 1.0 : sourceWeights.get(k);
        }
        return w;
    }

    public DataSettings withSource(Path dir, Optional<Path> list) {
        return new DataSettings(sourceDataset, dir, list, source2Dataset, dataDirSource2, dataListSource2, sourceWeights,
                targetDataset, dataDirTarget, dataListTarget, targetSplit, inputSize, inputSizeTarget, imageResize, batchSize,
                numWorkers, prefetch);
    }

    /**
     * A second labelled source domain of layout {@code kind} in {@code dir} (optionally restricted by
     * {@code list}), drawn with {@code weights} (one per domain, or empty for equal weights).
     */
    public DataSettings withSource2(String kind, Path dir, Optional<Path> list, List<Double> weights) {
        return new DataSettings(sourceDataset, dataDir, dataList, Optional.of(kind), Optional.of(dir), list,
                new ArrayList<>(weights), targetDataset, dataDirTarget, dataListTarget, targetSplit, inputSize,
                inputSizeTarget, imageResize, batchSize, numWorkers, prefetch);
    }

    public DataSettings withTargetDir(Path dir) {
        return new DataSettings(sourceDataset, dataDir, dataList, source2Dataset, dataDirSource2, dataListSource2,
                sourceWeights, targetDataset, Optional.of(dir), dataListTarget, targetSplit, inputSize, inputSizeTarget,
                imageResize, batchSize, numWorkers, prefetch);
    }

    /** Crops of {@code source} on the source, {@code target} on the target (and validation). */
    public DataSettings withInputSizes(Size source, Size target) {
        return new DataSettings(sourceDataset, dataDir, dataList, source2Dataset, dataDirSource2, dataListSource2,
                sourceWeights, targetDataset, dataDirTarget, dataListTarget, targetSplit, source, target, imageResize, batchSize,
                numWorkers, prefetch);
    }

    public DataSettings withBatch(int batch, int workers) {
        return new DataSettings(sourceDataset, dataDir, dataList, source2Dataset, dataDirSource2, dataListSource2,
                sourceWeights, targetDataset, dataDirTarget, dataListTarget, targetSplit, inputSize, inputSizeTarget, imageResize,
                batch, workers, prefetch);
    }
}
