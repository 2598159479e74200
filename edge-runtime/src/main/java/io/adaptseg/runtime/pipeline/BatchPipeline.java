package io.adaptseg.runtime.pipeline;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.runtime.predict.Predictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PNG files in, predictions out to a {@link PredictionSink}: reader threads decode and preprocess
 * into a bounded queue; the calling thread batches and runs the model; writer threads upsample,
 * argmax and hand each prediction to the sink. A file that cannot be read, run or written is
 * reported in the {@link PipelineReport} and skipped.
 *
 * <p>Nothing a file does can stop the pipeline from ending: every {@link Throwable} a reader, the
 * model or a writer meets on a file ({@link OutOfMemoryError} from a huge image, an {@link Error}
 * from native code) fails that file only, and a thread that ends for any other reason is noticed by
 * the threads waiting for it, so {@link #run} always returns.
 */
public final class BatchPipeline {
    /** How long a blocked hand-over waits before it checks that the other side is still alive. */
    private static final long LIVENESS_POLL_MS = 100;

    private final Predictor predictor;
    private final PipelineConfig config;
    private final ImageSource source;

    /** Reads PNG files within the process {@linkplain PixelBudget#configured() pixel budget}. */
    public BatchPipeline(Predictor predictor, PipelineConfig config) {
        this(predictor, config, ImageSource.images(PixelBudget.configured()));
    }

    public BatchPipeline(Predictor predictor, PipelineConfig config, ImageSource source) {
        this.predictor = predictor;
        this.config = config;
        this.source = source;
    }

    private record Read(Path file, RgbImage image, Predictor.Prepared prepared) {
    }

    private record Done(Path file, RgbImage image, Predictor.Pending pending) {
    }

    private static final Read END_OF_INPUT = new Read(null, null, null);
    private static final Done END_OF_BATCHES = new Done(null, null, null);

    /** Runs every file of {@code files} through the model into {@code sink}; returns when all are done. */
    public PipelineReport run(Iterator<Path> files, PredictionSink sink) throws InterruptedException {
        long start = System.nanoTime();
        BlockingQueue<Read> prepared = new ArrayBlockingQueue<>(config.queueCapacity());
        BlockingQueue<Done> predicted = new ArrayBlockingQueue<>(config.queueCapacity());
        ConcurrentLinkedQueue<PipelineReport.Failure> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger succeeded = new AtomicInteger();
        Thread model = Thread.currentThread();
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < config.readers(); i++) {
            readers.add(Thread.ofPlatform().name("adaptseg-reader-" + i).start(() -> read(files, prepared, failures, model)));
        }
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < config.writers(); i++) {
            writers.add(Thread.ofPlatform().name("adaptseg-writer-" + i)
                    .start(() -> write(predicted, sink, failures, succeeded)));
        }
        try {
            infer(prepared, predicted, failures, readers, writers);
        } finally {
            // Readers blocked on a full queue after a failure here must not keep the join below waiting.
            readers.forEach(Thread::interrupt);
            for (int i = 0; i < writers.size(); i++) {
                handOver(predicted, END_OF_BATCHES, writers);
            }
            for (Thread t : readers) {
                t.join();
            }
            for (Thread t : writers) {
                t.join();
            }
        }
        return new PipelineReport(succeeded.get(), new ArrayList<>(failures), System.nanoTime() - start);
    }

    private void read(Iterator<Path> files, BlockingQueue<Read> out, ConcurrentLinkedQueue<PipelineReport.Failure> failures,
                      Thread model) {
        try {
            while (true) {
                Path file;
                synchronized (files) {
                    if (!files.hasNext()) {
                        break;
                    }
                    file = files.next();
                }
                Read read;
                try {
                    RgbImage image = source.read(file);
                    read = new Read(file, image, predictor.prepare(image));
                } catch (Throwable e) {
                    // The image (if any) is unreachable now, so even an OutOfMemoryError leaves the heap usable.
                    failures.add(new PipelineReport.Failure(file, message(e)));
                    continue;
                }
                handOver(out, read, List.of(model));
            }
            handOver(out, END_OF_INPUT, List.of(model));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void infer(BlockingQueue<Read> in, BlockingQueue<Done> out, ConcurrentLinkedQueue<PipelineReport.Failure> failures,
                       List<Thread> readers, List<Thread> writers) throws InterruptedException {
        int finished = 0;
        List<Read> batch = new ArrayList<>();
        int size = predictor.options().batchSize();
        while (finished < readers.size() || !batch.isEmpty()) {
            Read next = finished < readers.size() ? in.poll(batch.isEmpty() ? LIVENESS_POLL_MS : 50, TimeUnit.MILLISECONDS) : null;
            if (next == END_OF_INPUT) {
                finished++;
            } else if (next != null) {
                batch.add(next);
            } else if (finished < readers.size() && readers.stream().noneMatch(Thread::isAlive) && in.isEmpty()) {
                // a reader ended without saying so: nothing more can come. Liveness first, then emptiness:
                // a reader can hand over its last image and its end mark and exit between the two checks,
                // and the other order then dropped that image without a word (seen on a loaded machine).
                finished = readers.size();
            }
            boolean drained = finished == readers.size() || (next == null && !batch.isEmpty());
            if (batch.size() >= size || (drained && !batch.isEmpty())) {
                runBatch(batch, out, failures, writers);
                batch.clear();
            }
        }
    }

    private void runBatch(List<Read> batch, BlockingQueue<Done> out, ConcurrentLinkedQueue<PipelineReport.Failure> failures,
                          List<Thread> writers) throws InterruptedException {
        List<Predictor.Pending> pending;
        try {
            pending = predictor.run(batch.stream().map(Read::prepared).toList());
        } catch (Throwable e) {
            if (batch.size() == 1) {
                failures.add(new PipelineReport.Failure(batch.getFirst().file(), message(e)));
                return;
            }
            // find the culprit: run the batch one by one so only the bad file is skipped
            for (Read one : batch) {
                runBatch(List.of(one), out, failures, writers);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Read r = batch.get(i);
            if (!handOver(out, new Done(r.file(), r.image(), pending.get(i)), writers)) {
                failures.add(new PipelineReport.Failure(r.file(), "no writer thread left to write it"));
            }
        }
    }

    private void write(BlockingQueue<Done> in, PredictionSink sink, ConcurrentLinkedQueue<PipelineReport.Failure> failures,
                       AtomicInteger succeeded) {
        try {
            while (true) {
                Done done = in.take();
                if (done == END_OF_BATCHES) {
                    return;
                }
                try {
                    sink.accept(done.file(), done.image(), done.pending().finish());
                    succeeded.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(new PipelineReport.Failure(done.file(), message(e)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Puts {@code item} into {@code queue}, waiting while any of {@code consumers} is alive; returns
     * false when all of them have ended, so a dead consumer never leaves a producer blocked forever.
     */
    private static <T> boolean handOver(BlockingQueue<T> queue, T item, List<Thread> consumers) throws InterruptedException {
        while (!queue.offer(item, LIVENESS_POLL_MS, TimeUnit.MILLISECONDS)) {
            if (consumers.stream().noneMatch(Thread::isAlive)) {
                return false;
            }
        }
        return true;
    }

    private static String message(Throwable e) {
        if (e instanceof AdaptsegException) {
            return e.getMessage();
        }
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        if (e instanceof OutOfMemoryError) {
            text += " (more heap: ADAPTSEG_JAVA_OPTS=-Xmx...; or a smaller --batch or --max-pixels)";
        }
        return text;
    }
}
