package io.adaptseg.train.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.adaptseg.core.resample.ImageResize;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The source (labelled) and target (unlabelled) data: dataset layouts, folders, optional image
 * lists, crop sizes, how images are resized ({@code image-resize}: bilinear, bicubic or pil-bilinear,
 * for training and validation images alike), batch size and the decoding workers ahead of the loop.
 */
public record DataSettings(
        @JsonProperty("source-dataset") String sourceDataset,
        @JsonProperty("data-dir") Path dataDir,
        @JsonProperty("data-list") Optional<Path> dataList,
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
    public DataSettings {
        Check.positive("batch-size", batchSize);
        Check.positive("num-workers", numWorkers);
        Check.positive("prefetch", prefetch);
    }

    public DataSettings withSource(Path dir, Optional<Path> list) {
        return new DataSettings(sourceDataset, dir, list, targetDataset, dataDirTarget, dataListTarget, targetSplit,
                inputSize, inputSizeTarget, imageResize, batchSize, numWorkers, prefetch);
    }

    public DataSettings withTargetDir(Path dir) {
        return new DataSettings(sourceDataset, dataDir, dataList, targetDataset, Optional.of(dir), dataListTarget,
                targetSplit, inputSize, inputSizeTarget, imageResize, batchSize, numWorkers, prefetch);
    }

    /** Crops of {@code source} on the source, {@code target} on the target (and validation). */
    public DataSettings withInputSizes(Size source, Size target) {
        return new DataSettings(sourceDataset, dataDir, dataList, targetDataset, dataDirTarget, dataListTarget, targetSplit,
                source, target, imageResize, batchSize, numWorkers, prefetch);
    }

    public DataSettings withBatch(int batch, int workers) {
        return new DataSettings(sourceDataset, dataDir, dataList, targetDataset, dataDirTarget, dataListTarget, targetSplit,
                inputSize, inputSizeTarget, imageResize, batch, workers, prefetch);
    }
}
