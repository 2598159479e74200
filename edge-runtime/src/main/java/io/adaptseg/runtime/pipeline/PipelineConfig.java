package io.adaptseg.runtime.pipeline;

/**
 * Thread and queue sizes of a {@link BatchPipeline}. At most {@code readers + queueCapacity +
 * batch + queueCapacity + writers} images are in memory at once.
 */
public record PipelineConfig(int readers, int writers, int queueCapacity) {
    public PipelineConfig {
        if (readers <= 0 || writers <= 0 || queueCapacity <= 0) {
            throw new IllegalArgumentException("readers, writers and queue capacity must be positive, found "
                    + readers + ", " + writers + ", " + queueCapacity);
        }
    }

    /** Two readers, two writers, queues of twice the batch size. */
    public static PipelineConfig forBatch(int batch) {
        return new PipelineConfig(2, 2, Math.max(2, 2 * batch));
    }
}
