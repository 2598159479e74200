package io.adaptseg.runtime.pipeline;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.PngCodec;
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
 */
public final class BatchPipeline {
    private final Predictor predictor;
    private final PipelineConfig config;

    public BatchPipeline(Predictor predictor, PipelineConfig config) {
        this.predictor = predictor;
        this.config = config;
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
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < config.readers(); i++) {
            readers.add(Thread.ofPlatform().name("adaptseg-reader-" + i).start(() -> read(files, prepared, failures)));
        }
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < config.writers(); i++) {
            writers.add(Thread.ofPlatform().name("adaptseg-writer-" + i)
                    .start(() -> write(predicted, sink, failures, succeeded)));
        }
        try {
            infer(prepared, predicted, failures, readers.size());
        } finally {
            for (int i = 0; i < writers.size(); i++) {
                predicted.put(END_OF_BATCHES);
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

    private void read(Iterator<Path> files, BlockingQueue<Read> out, ConcurrentLinkedQueue<PipelineReport.Failure> failures) {
        try {
            while (true) {
                Path file;
                synchronized (files) {
                    if (!files.hasNext()) {
                        break;
                    }
                    file = files.next();
                }
                try {
                    RgbImage image = PngCodec.readRgb(file);
                    out.put(new Read(file, image, predictor.prepare(image)));
                } catch (AdaptsegException | RuntimeException e) {
                    failures.add(new PipelineReport.Failure(file, message(e)));
                }
            }
            out.put(END_OF_INPUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void infer(BlockingQueue<Read> in, BlockingQueue<Done> out, ConcurrentLinkedQueue<PipelineReport.Failure> failures,
                       int readers) throws InterruptedException {
        int finished = 0;
        List<Read> batch = new ArrayList<>();
        int size = predictor.options().batchSize();
        while (finished < readers || !batch.isEmpty()) {
            Read next = finished < readers ? in.poll(batch.isEmpty() ? 1000 : 50, TimeUnit.MILLISECONDS) : null;
            if (next == END_OF_INPUT) {
                finished++;
            } else if (next != null) {
                batch.add(next);
            }
            boolean drained = finished == readers || (next == null && !batch.isEmpty());
            if (batch.size() >= size || (drained && !batch.isEmpty())) {
                runBatch(batch, out, failures);
                batch.clear();
            }
        }
    }

    private void runBatch(List<Read> batch, BlockingQueue<Done> out, ConcurrentLinkedQueue<PipelineReport.Failure> failures)
            throws InterruptedException {
        try {
            List<Predictor.Pending> pending = predictor.run(batch.stream().map(Read::prepared).toList());
            for (int i = 0; i < batch.size(); i++) {
                out.put(new Done(batch.get(i).file(), batch.get(i).image(), pending.get(i)));
            }
        } catch (AdaptsegException | RuntimeException e) {
            if (batch.size() == 1) {
                failures.add(new PipelineReport.Failure(batch.getFirst().file(), message(e)));
                return;
            }
            // find the culprit: run the batch one by one so only the bad file is skipped
            for (Read one : batch) {
                runBatch(List.of(one), out, failures);
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
                } catch (Exception e) {
                    failures.add(new PipelineReport.Failure(done.file(), message(e)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String message(Exception e) {
        return e instanceof AdaptsegException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
