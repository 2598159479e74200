package io.adaptseg.spark;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.scoring.PairScorer;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.infer.PredictionScoring;
import io.adaptseg.infer.PredictionWriter;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.pipeline.BatchPipeline;
import io.adaptseg.runtime.pipeline.ImageSource;
import io.adaptseg.runtime.pipeline.PipelineConfig;
import io.adaptseg.runtime.pipeline.PipelineReport;
import io.adaptseg.runtime.predict.Predictor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * The work of one partition on an executor: skips what an earlier attempt finished (journal), scores
 * complete outputs from disk, predicts the rest through the edge runtime's {@link BatchPipeline} into
 * {@code predict}'s {@link PredictionWriter}, counts every prediction against its ground truth in
 * memory, and returns one {@link PartitionResult}. A file that fails is listed, never fatal.
 */
final class PartitionTask implements FlatMapFunction<Iterator<TaskInput>, PartitionResult> {
    private static final long serialVersionUID = 1L;
    private final ExecutorSpec spec;

    PartitionTask(ExecutorSpec spec) {
        this.spec = spec;
    }

    @Override
    public Iterator<PartitionResult> call(Iterator<TaskInput> rows) throws Exception {
        long start = System.nanoTime();
        TaskContext context = TaskContext.get();
        int partition = context.partitionId();
        int attempt = context.attemptNumber();
        Path out = Path.of(spec.out());
        TaskJournal journal = new TaskJournal(out, spec.runId(), partition);
        Set<String> earlier = journal.finished();
        Counts counts = new Counts(spec);

        List<PredictInput> todo = new ArrayList<>();
        int recovered = 0;
        int scoredOnly = 0;
        while (rows.hasNext()) {
            TaskInput row = rows.next();
            PredictInput input = row.toPredictInput();
            boolean finishedBefore = !row.predict() || earlier.contains(row.image());
            if (finishedBefore) {
                if (row.predict()) {
                    recovered++;
                } else {
                    scoredOnly++;
                }
                counts.fromDisk(input, out);
            } else {
                todo.add(input);
            }
        }
        int written = 0;
        String provider = "";
        List<String> problems = List.of();
        if (!todo.isEmpty()) {
            SegmentationSession session = ExecutorSessions.get(spec);
            provider = session.providers().active().specName();
            problems = session.providers().problems();
            Predictor predictor = new Predictor(session, spec.predictOptions());
            FaultInjection fault = spec.fault();
            if (fault != null && attempt == 0 && fault.partition() == partition) {
                List<PredictInput> first = todo.subList(0, Math.min(fault.afterImages(), todo.size()));
                predict(predictor, first, out, journal, counts);
                failLikeAKilledTask(todo, first.size(), out);
            }
            written = predict(predictor, todo, out, journal, counts);
        }
        return List.of(new PartitionResult(partition, attempt, written, recovered, scoredOnly, counts.failures,
                counts.matrix, counts.scored.get(), provider, problems, System.nanoTime() - start)).iterator();
    }

    private int predict(Predictor predictor, List<PredictInput> inputs, Path out, TaskJournal journal, Counts counts)
            throws AdaptsegException {
        Map<Path, PredictInput> byImage = new LinkedHashMap<>();
        inputs.forEach(i -> byImage.put(i.image(), i));
        PredictionWriter writer = new PredictionWriter(out, spec.outputFormats(), byImage);
        BatchPipeline pipeline = new BatchPipeline(predictor, PipelineConfig.forBatch(spec.batch()),
                ImageSource.images(spec.pixelBudget()));
        try {
            PipelineReport report = pipeline.run(byImage.keySet().iterator(), (file, image, prediction) -> {
                PredictInput input = byImage.get(file);
                writer.accept(file, image, prediction);
                counts.inMemory(input, prediction.trainIds());
                journal.finished(file.toString());
            });
            report.failures().forEach(f -> counts.fail(f.file().toString(), f.message()));
            return report.succeeded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdaptsegException("partition interrupted", e);
        }
    }

    /** The injected fault: a half-written temporary file of the next output, then the task fails. */
    private void failLikeAKilledTask(List<PredictInput> todo, int done, Path out) throws IOException {
        if (done < todo.size()) {
            Path target = todo.get(done).output(out, spec.outputFormats().iterator().next());
            Files.createDirectories(target.getParent());
            Files.write(target.resolveSibling("." + target.getFileName() + ".1.part"), new byte[] {(byte) 0x89, 'P', 'N'});
        }
        throw new IllegalStateException("injected failure (FaultInjection) after " + done + " images");
    }

    /** The partition's matrix and failures, filled from the pipeline's writer threads. */
    private static final class Counts {
        private final ExecutorSpec spec;
        private final PairScorer memory;
        private final PairScorer disk;
        private final OutputFormat diskFormat;
        final ConfusionMatrix matrix;
        final AtomicInteger scored = new AtomicInteger();
        final List<PartitionResult.FailedFile> failures = new ArrayList<>();

        Counts(ExecutorSpec spec) throws AdaptsegException {
            this.spec = spec;
            // predictions are trainIds in memory; resumed outputs are read back as the file scoring reads
            this.memory = new PairScorer(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS, LabelDecoder.TRAIN_IDS);
            this.diskFormat = spec.score() ? PredictionScoring.scoredFormat(spec.outputFormats()) : null;
            this.disk = spec.score() ? new PairScorer(Protocol.CITYSCAPES19, LabelDecoder.LABEL_IDS,
                    PredictionScoring.decoderOf(diskFormat)) : null;
            this.matrix = spec.score() ? memory.newMatrix() : null;
        }

        void inMemory(PredictInput input, LabelImage trainIds) throws AdaptsegException {
            if (matrix == null || input.groundTruth().isEmpty()) {
                return;
            }
            Path gt = input.groundTruth().get();
            ConfusionMatrix one = memory.newMatrix();
            memory.add(one, PngCodec.readLabels(gt), gt.toString(), trainIds, input.output(Path.of(spec.out()), OutputFormat.TRAINID).toString());
            add(one);
        }

        void fromDisk(PredictInput input, Path out) {
            if (matrix == null || input.groundTruth().isEmpty()) {
                return;
            }
            Path gt = input.groundTruth().get();
            Path pred = input.output(out, diskFormat);
            try {
                ConfusionMatrix one = disk.newMatrix();
                disk.add(one, PngCodec.readLabels(gt), gt.toString(), PngCodec.readLabels(pred), pred.toString());
                add(one);
            } catch (AdaptsegException | RuntimeException e) {
                fail(input.image().toString(), e.getMessage());
            }
        }

        private synchronized void add(ConfusionMatrix one) {
            matrix.merge(one);
            scored.incrementAndGet();
        }

        synchronized void fail(String file, String message) {
            failures.add(new PartitionResult.FailedFile(file, message));
        }
    }
}
