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

    /** Queues never hold more than this many images, whatever the batch size. */
    static final int MAX_QUEUE = 64;

    /**
     * Two readers, two writers, queues of twice the batch size up to {@value #MAX_QUEUE}: an
     * {@link java.util.concurrent.ArrayBlockingQueue} allocates its capacity up front, so
     * {@code --batch 99999999} would otherwise cost 1.6 GB before the first image.
     */
    public static PipelineConfig forBatch(int batch) {
        return new PipelineConfig(2, 2, (int) Math.clamp(2L * batch, 2, MAX_QUEUE));
    }
}
