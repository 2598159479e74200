package io.adaptseg.infer;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.ModelOrigin;
import io.adaptseg.core.progress.ProgressBar;
import io.adaptseg.core.io.FileTrees;
import io.adaptseg.core.io.FolderLock;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.report.ScoreReport;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.pipeline.BatchPipeline;
import io.adaptseg.runtime.pipeline.ImageSource;
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
 * {@code adaptseg predict} as a library call: checks that the output folder is writable and holds no
 * input, locks it for the run ({@link FolderLock}), removes the temporary files of an interrupted run,
 * skips inputs whose outputs are complete (resume, only when the folder's {@link RunRecord} matches
 * this run's model and settings), streams the rest through the edge runtime's {@link BatchPipeline} into a {@link PredictionWriter}, reports
 * every failed input, and scores the outputs when there is ground truth.
 *
 * <p>A run without resume first deletes the outputs it is going to write (and the score reports),
 * so that a run killed half-way never leaves another run's files looking like complete outputs of
 * this one.
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
        return run(inputs, List.of());
    }

    /**
     * Predicts what {@code found} holds; its unreadable folders are listed with the failed images and make
     * the run incomplete (exit 3), as an unreadable image does.
     */
    public PredictSummary run(InputSets.Found found) throws AdaptsegException, IOException {
        return run(found.inputs(), found.unreadable());
    }

    private PredictSummary run(List<PredictInput> inputs, List<FileTrees.Unreadable> unreadable)
            throws AdaptsegException, IOException {
        Path out = settings.out();
        if (settings.requireScore()) {
            PredictionScoring.scoredFormat(settings.formats()); // before any work: --score needs a label output
        }
        OutputPaths.requireWritableFolder(out, "--out");
        requireNoInputInside(out, inputs);
        SegmentationSession.requireModelFile(settings.model());
        // held until the scores are written: a second run into this folder stops instead of deleting this
        // run's temporaries and mixing its outputs with these
        try (FolderLock lock = FolderLock.acquire(out, "--out")) {
            return runLocked(inputs, unreadable);
        }
    }

    private PredictSummary runLocked(List<PredictInput> inputs, List<FileTrees.Unreadable> unreadable)
            throws AdaptsegException, IOException {
        Path out = settings.out();
        RunRecord record = RunRecord.of(settings);
        if (settings.resume()) {
            record.requireResumable(out, inputs, settings.formats());
        }
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
            if (!settings.resume()) {
                int removed = removeOutputs(todo);
                if (removed > 0) {
                    log.printf("removed %d outputs of an earlier run in %s (without --resume every image is predicted again)%n",
                            removed, out);
                }
            }
            record.write(out);
            report = predict(session, todo);
            if (!todo.isEmpty()) {
                log.println(session.placementLine());
            }
        }
        Set<Path> failed = new HashSet<>();
        report.failures().forEach(f -> failed.add(f.file()));
        printSummary(inputs.size(), report, resumed);
        List<PipelineReport.Failure> failures = new ArrayList<>(report.failures());
        if (!unreadable.isEmpty()) {
            log.printf("FAILED: %d folders could not be read; their images were not predicted:%n", unreadable.size());
            for (FileTrees.Unreadable u : unreadable) {
                log.println("  " + u.path() + ": cannot read (" + u.reason() + ")");
                failures.add(new PipelineReport.Failure(u.path(), "cannot read (" + u.reason() + ")"));
            }
        }
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
        return new PredictSummary(inputs.size(), report.succeeded(), resumed, failures, report.nanos() / 1e9,
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
        BatchPipeline pipeline = new BatchPipeline(predictor, PipelineConfig.forBatch(settings.predict().batchSize()),
                ImageSource.images(settings.pixelBudget()));
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
        ModelOrigin origin = m.origin();
        log.printf(Locale.ROOT, "model %s: %s, method %s, %s (%d classes), input %dx%d%n", settings.model(),
                origin.architecture().isEmpty() ? "?" : origin.architecture(), origin.method().isEmpty() ? "?" : origin.method(),
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
                    // decoder messages already start with the file; print it once
                    .forEach(f -> log.println("  " + (f.message().startsWith(f.file().toString()) ? f.message()
                            : f.file() + ": " + f.message())));
        }
    }

    /**
     * Refuses inputs inside the output folder: their outputs could replace them, and a later run
     * would take the outputs for inputs. (The command also compares the folders themselves.)
     */
    static void requireNoInputInside(Path out, List<PredictInput> inputs) throws AdaptsegException {
        Path o = OutputPaths.canonical(out);
        for (PredictInput input : inputs) {
            for (Path p : input.groundTruth().map(gt -> List.of(input.image(), gt)).orElse(List.of(input.image()))) {
                if (OutputPaths.canonical(p).startsWith(o)) {
                    throw new AdaptsegException("input " + p + " lies inside the output folder " + out
                            + ": outputs could overwrite inputs and a later run would read outputs as inputs; choose another --out");
                }
            }
        }
    }

    /** Deletes the existing outputs of {@code todo} in every format, and the score reports; returns how many. */
    private int removeOutputs(List<PredictInput> todo) throws AdaptsegException {
        int removed = 0;
        for (PredictInput input : todo) {
            for (OutputFormat f : OutputFormat.values()) {
                removed += removeIfPresent(input.output(settings.out(), f));
            }
        }
        for (Path report : PredictionScoring.reportFiles(settings.out())) {
            removeIfPresent(report);
        }
        return removed;
    }

    /** 1 when {@code file} was there and is deleted; a path under a non-folder simply is not there. */
    private static int removeIfPresent(Path file) throws AdaptsegException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try {
            Files.delete(file);
            return 1;
        } catch (IOException e) {
            throw new AdaptsegException("cannot remove the earlier output " + file + " (" + OutputPaths.reason(e)
                    + "); predict into another --out", e);
        }
    }

    /** True when every requested output of {@code input} exists (atomic writes: existing = complete). */
    boolean complete(PredictInput input) {
        return settings.formats().stream().allMatch(f -> Files.isRegularFile(input.output(settings.out(), f)));
    }

    /**
     * Deletes the hidden {@code .<name>.<n>.part} files that an atomic write leaves when the process
     * is killed, so a resumed run ends with exactly the files of an uninterrupted one. Public for the
     * spark module, whose killed tasks leave the same files.
     */
    public static int removeInterruptedWrites(Path out) throws IOException {
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
