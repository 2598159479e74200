package io.adaptseg.core.scoring;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.metrics.SegmentationMetrics;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Scores a list of file pairs in parallel: the {@code threads} workers decode and count from the first
 * pair on, and each file is read once (a pre-pass over the headers cost every file a second open and
 * kept the second core idle while it ran). A bad pair (not a PNG, sizes that differ, an invalid
 * value) fails the run with its file named, before any report exists. Each worker decodes into its own two pixel buffers, reused for
 * every same-size image (a 2048×1024 pair would otherwise allocate 16 MB). Each image is counted into
 * its own small matrix by the worker that decoded it, and the calling thread merges them as they
 * complete, so no matrix is shared between threads; the merged counts do not depend on the
 * completion order.
 *
 * @param protocol which classes are counted and reported
 * @param gtFormat how ground-truth files store labels
 * @param predFormat how prediction files store labels
 * @param threads worker threads (≥ 1)
 * @param every print the running mIoU after every this many images (0: never)
 */
public record ScoreRun(Protocol protocol, LabelDecoder gtFormat, LabelDecoder predFormat, int threads, int every) {
    public ScoreRun {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        if (every < 0) {
            throw new IllegalArgumentException("every must not be negative, found " + every);
        }
    }

    /**
     * Scores the pairs.
     *
     * @param progress receives the running mIoU lines ("10 / 500: 41.23", percent)
     * @throws AdaptsegException for the first pair that cannot be read or scored
     */
    public ScoreResult run(List<ScorePair> pairs, Consumer<String> progress) throws AdaptsegException {
        if (pairs.isEmpty()) {
            throw new AdaptsegException("nothing to score: no pairs");
        }
        PairScorer scorer = new PairScorer(protocol, gtFormat, predFormat);
        ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> new Worker(scorer));
        ConfusionMatrix total = new ConfusionMatrix(protocol.matrixSet().size());
        int[] reported = protocol.reportedClasses();
        long decode = 0;
        long count = 0;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "score-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<ImageCount> done = new ExecutorCompletionService<>(pool);
            for (ScorePair pair : pairs) {
                done.submit(() -> workers.get().score(pair));
            }
            for (int i = 1; i <= pairs.size(); i++) {
                ImageCount image = take(done);
                total.merge(image.matrix());
                decode += image.decodeNanos();
                count += image.countNanos();
                if (every > 0 && i % every == 0 && i < pairs.size()) {
                    double miou = SegmentationMetrics.of(total, reported).meanIou();
                    progress.accept(String.format(Locale.ROOT, "%d / %d: %.2f", i, pairs.size(), 100 * miou));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new ScoreResult(protocol, pairs.size(), total, decode, count, System.nanoTime() - start);
    }

    private static ImageCount take(CompletionService<ImageCount> done) throws AdaptsegException {
        try {
            Future<ImageCount> next = done.take();
            return next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdaptsegException("scoring interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AdaptsegException a) {
                throw a;
            }
            throw new IllegalStateException("scoring worker failed", e.getCause());
        }
    }

    /** One worker thread's scorer and decode buffers; the images it returns never leave the task. */
    private static final class Worker {
        private final PairScorer scorer;
        private int[] gtPixels;
        private int[] predPixels;

        Worker(PairScorer scorer) {
            this.scorer = scorer;
        }

        ImageCount score(ScorePair pair) throws AdaptsegException {
            long t0 = System.nanoTime();
            LabelImage gt = PngCodec.readLabelMap(pair.gt(), gtPixels);
            gtPixels = gt.values();
            LabelImage pred = PngCodec.readLabelMap(pair.pred(), predPixels);
            predPixels = pred.values();
            long t1 = System.nanoTime();
            ConfusionMatrix matrix = scorer.newMatrix();
            scorer.add(matrix, gt, pair.gt().toString(), pred, pair.pred().toString());
            return new ImageCount(matrix, t1 - t0, System.nanoTime() - t1);
        }
    }

    private record ImageCount(ConfusionMatrix matrix, long decodeNanos, long countNanos) {
    }
}
