package io.adaptseg.infer;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.progress.ProgressBar;
import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.pipeline.BatchPipeline;
import io.adaptseg.runtime.pipeline.PipelineConfig;
import io.adaptseg.runtime.pipeline.PipelineReport;
import io.adaptseg.runtime.predict.Predictor;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code adaptseg predict} as a library call: removes the temporary files of an interrupted run,
 * skips inputs whose outputs are complete (resume), streams the rest through the edge runtime's
 * {@link BatchPipeline} into a {@link PredictionWriter}, reports every failed input, and scores the
 * outputs when there is ground truth.
 */
public final class BatchPrediction {
    private final PredictSettings settings;
    private final PrintStream log;
    private final boolean interactive;

    /**
     * @param log where the model line, progress, summary and scores go
     * @param interactive redraw the progress bar in place (a terminal) instead of printing lines
     */
    public BatchPrediction(PredictSettings settings, PrintStream log, boolean interactive) {
        this.settings = settings;
        this.log = log;
        this.interactive = interactive;
    }

    /**
     * Predicts {@code inputs}.
     *
     * @throws AdaptsegException when the whole run cannot proceed (model, providers, output folder,
     *     scoring); a single bad input is a failure in the summary instead
     */
    public PredictSummary run(List<PredictInput> inputs) throws AdaptsegException, IOException {
        Path out = settings.out();
        Files.createDirectories(out);
        int stale = removeInterruptedWrites(out);
        if (stale > 0) {
            log.printf("removed %d temporary files of an interrupted run in %s%n", stale, out);
        }
        List<PredictInput> todo = new ArrayList<>();
        for (PredictInput input : inputs) {
            if (!(settings.resume() && complete(input))) {
                todo.add(input);
            }
        }
        int resumed = inputs.size() - todo.size();
        if (resumed > 0) {
            log.printf("resume: %d of %d images already have all their outputs; predicting %d%n", resumed, inputs.size(),
                    todo.size());
        }
        PipelineReport report;
        String provider;
        try (SegmentationSession session = SegmentationSession.open(settings.model(), settings.backend(),
                settings.backendOptions())) {
            provider = session.providers().active().specName();
            describe(session);
            report = predict(session, todo);
            if (!todo.isEmpty()) {
                log.println(session.placementLine());
            }
        }
        Set<Path> failed = new HashSet<>();
        report.failures().forEach(f -> failed.add(f.file()));
        printSummary(inputs.size(), report, resumed);
        Optional<ScoreReport> score = Optional.empty();
        boolean anyGt = inputs.stream().anyMatch(i -> i.groundTruth().isPresent());
        if (settings.requireScore() && !anyGt) {
            throw new AdaptsegException("--score: none of the " + inputs.size()
                    + " images has ground truth (Cityscapes: ROOT/gtFine/<split>/<city>/*_gtFine_labelIds.png; folders: --gt DIR)");
        }
        if (anyGt) {
            score = PredictionScoring.score(inputs, failed, out, settings.formats(), log);
            score.ifPresent(s -> {
                log.print(s.toText());
                log.println("scores written to " + PredictionScoring.reportFiles(out).stream()
                        .map(p -> p.getFileName().toString()).toList() + " in " + out);
            });
        }
        return new PredictSummary(inputs.size(), report.succeeded(), resumed, report.failures(), report.nanos() / 1e9,
                provider, score);
    }

    private PipelineReport predict(SegmentationSession session, List<PredictInput> todo) throws AdaptsegException {
        if (todo.isEmpty()) {
            return new PipelineReport(0, List.of(), 0);
        }
        Map<Path, PredictInput> byImage = new LinkedHashMap<>();
        todo.forEach(i -> byImage.put(i.image(), i));
        PredictionWriter writer = new PredictionWriter(settings.out(), settings.formats(), byImage);
        ProgressBar progress = new ProgressBar(log, interactive, 0, todo.size(), ProgressBar.Rate.IMAGES_PER_SECOND);
        Predictor predictor = new Predictor(session, settings.predict());
        BatchPipeline pipeline = new BatchPipeline(predictor, PipelineConfig.forBatch(settings.predict().batchSize()));
        try {
            PipelineReport report = pipeline.run(byImage.keySet().iterator(), (file, image, prediction) -> {
                writer.accept(file, image, prediction);
                progress.step();
            });
            progress.finish();
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdaptsegException("prediction interrupted", e);
        }
    }

    private void describe(SegmentationSession session) {
        ModelMetadata m = session.model();
        log.printf(Locale.ROOT, "model %s: %s, method %s, %s (%d classes), input %dx%d%n", settings.model(),
                m.architecture().isEmpty() ? "?" : m.architecture(), m.method().isEmpty() ? "?" : m.method(),
                m.labelSet().id(), m.classes(), m.inputWidth(), m.inputHeight());
        log.printf("execution provider: %s (%s backend)%n", session.providers().active().specName(), settings.backend().id());
        session.providers().problems().forEach(p -> log.println("fallback: " + p));
    }

    private void printSummary(int total, PipelineReport report, int resumed) {
        log.printf(Locale.ROOT, "predicted %d images in %.1f s (%.1f images/s)%s; outputs in %s%n", report.succeeded(),
                report.nanos() / 1e9, report.succeeded() == 0 ? 0.0 : report.imagesPerSecond(),
                resumed > 0 ? ", " + resumed + " already complete" : "", settings.out());
        if (!report.failures().isEmpty()) {
            log.printf("FAILED: %d of %d images were skipped:%n", report.failures().size(), total);
            report.failures().stream().sorted((a, b) -> a.file().compareTo(b.file()))
                    .forEach(f -> log.println("  " + f.file() + ": " + f.message()));
        }
    }

    /** True when every requested output of {@code input} exists (atomic writes: existing = complete). */
    boolean complete(PredictInput input) {
        return settings.formats().stream().allMatch(f -> Files.isRegularFile(input.output(settings.out(), f)));
    }

    /**
     * Deletes the hidden {@code .<name>.<n>.part} files that an atomic write leaves when the process
     * is killed, so a resumed run ends with exactly the files of an uninterrupted one.
     */
    static int removeInterruptedWrites(Path out) throws IOException {
        List<Path> stale;
        try (Stream<Path> walk = Files.walk(out)) {
            stale = walk.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".part") && Files.isRegularFile(p);
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : stale) {
            Files.deleteIfExists(p);
        }
        return stale.size();
    }
}
