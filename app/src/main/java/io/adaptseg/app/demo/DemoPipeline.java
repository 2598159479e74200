package io.adaptseg.app.demo;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.synth.SynthManifest;
import io.adaptseg.export.ExportGate;
import io.adaptseg.export.ExportOptions;
import io.adaptseg.export.ExportRequest;
import io.adaptseg.export.TrainedModel;
import io.adaptseg.export.parity.ParityReport;
import io.adaptseg.infer.BatchPrediction;
import io.adaptseg.infer.InputSets;
import io.adaptseg.infer.OutputFormat;
import io.adaptseg.infer.PredictInput;
import io.adaptseg.infer.PredictSettings;
import io.adaptseg.infer.PredictSummary;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.loop.TrainingLoop;
import io.adaptseg.train.run.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The demo as steps, each calling the public entry point of the module that owns it: synthetic data
 * ({@link SynthGenerator}), training ({@link TrainingRun}), export proven by parity ({@link ExportGate}, the
 * same gate as {@code adaptseg export}), prediction and scoring on the target val split with the edge runtime
 * ({@link BatchPrediction}), then the side-by-side table and the HTML report. A step that cannot
 * run says why and the steps that need its output are skipped; the others go on.
 *
 * <p>Layout of {@code out}: {@code data/} (synthetic datasets), {@code models/<name>.onnx} (+
 * {@code .parity.json}), {@code train/<name>/} (checkpoints, metrics, curves), {@code predictions/<name>/} (PNGs and iou.*), {@code report/index.html},
 * {@code iou-comparison.txt}.
 */
public final class DemoPipeline {
    private final DemoSettings settings;
    private final PrintStream out;
    private final boolean interactive;
    private final StepLog steps;

    public DemoPipeline(DemoSettings settings, PrintStream out, boolean interactive) {
        this.settings = settings;
        this.out = out;
        this.interactive = interactive;
        this.steps = new StepLog(out);
    }

    /** What the demo produced. */
    public record Result(List<StepLog.Step> steps, Optional<IouComparison> comparison, Path report) {
    }

    /** Runs every step. */
    public Result run() throws AdaptsegException, IOException {
        long start = System.nanoTime();
        Path root = settings.out();
        Files.createDirectories(root);
        Path target = settings.target().orElse(root.resolve("data/cityscapes"));
        data(root.resolve("data"));
        List<ModelRun> models = List.of(new ModelRun("source-only", "source-only"), new ModelRun("advnet", "advnet"));
        for (ModelRun m : models) {
            train(m, root);
        }
        for (ModelRun m : models) {
            exportAndParity(m, root.resolve("models"));
        }
        for (ModelRun m : models) {
            predict(m, target, root.resolve("predictions"));
        }
        List<ModelRun> scored = models.stream().filter(m -> m.score.isPresent()).toList();
        Optional<IouComparison> comparison = scored.isEmpty() ? Optional.empty()
                : Optional.of(new IouComparison(scored.stream().map(m -> m.name).toList(),
                        scored.stream().map(m -> m.score.get()).toList()));
        Path report = root.resolve("report/index.html");
        steps.begin("report");
        List<PredictInput> val = Files.isDirectory(target.resolve("leftImg8bit/val"))
                ? InputSets.cityscapes(target, "val") : List.of();
        new DemoReport(settings, models, comparison, val).write(report, steps.steps());
        steps.done(report.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%n== demo finished in %.1f s (%s)%n", seconds, root);
        if (comparison.isPresent()) {
            String table = comparison.get().toText();
            AtomicFiles.writeString(root.resolve("iou-comparison.txt"), table);
            out.println("per-class IoU on the target val set (%):");
            out.print(table);
        }
        summary(models, report);
        return new Result(steps.steps(), comparison, report);
    }

    private void data(Path dir) throws AdaptsegException, IOException {
        steps.begin("data");
        if (settings.source().isPresent() || settings.target().isPresent()) {
            steps.given("folders: source " + settings.source().map(Path::toString).orElse("(none)")
                    + ", target " + settings.target().map(Path::toString).orElse("(none)"));
            return;
        }
        SynthConfig config = settings.synthConfig();
        if (Files.isRegularFile(dir.resolve(SynthManifest.FILE)) && SynthManifest.read(dir).equals(SynthManifest.of(config))) {
            steps.done("reusing " + dir + " (" + SynthManifest.summary(SynthManifest.of(config)) + ")");
            return;
        }
        out.printf("generating %d synthetic images (%s) into %s%n", config.totalImages(),
                SynthManifest.summary(SynthManifest.of(config)), dir);
        SynthGenerator.Report r = SynthGenerator.generate(config, dir, true, n -> { });
        steps.done(String.format(Locale.ROOT, "%d images in %s (%.1f images/s)", r.images(), dir, r.imagesPerSecond()));
    }

    private void train(ModelRun m, Path root) throws IOException {
        steps.begin("train " + m.name);
        Optional<Path> given = m.method.equals("advnet") ? settings.advnetCheckpoint() : settings.sourceOnlyCheckpoint();
        if (given.isPresent()) {
            m.checkpoint = given;
            // the curves live in the snapshot folder: the given path or, for an iter_<n> folder, its parent
            m.curves = java.util.stream.Stream.of(given.get().resolve("curves.png"), given.get().resolveSibling("curves.png"))
                    .filter(Files::isRegularFile).findFirst();
            steps.given("checkpoint " + given.get());
            return;
        }
        Path snapshots = root.resolve("train").resolve(m.name);
        try {
            TrainConfig config = DemoTraining.config(settings, m.method, root, snapshots);
            TrainingRun run = TrainingRun.prepare(config);
            out.println("config: " + config.origin() + "; " + run.describeData());
            // a rerun of the demo continues (or reuses) the checkpoint of an earlier one
            Optional<Path> resume = DemoTraining.hasCheckpoint(snapshots) ? Optional.of(snapshots) : Optional.empty();
            TrainingState state = run.run(resume, out, out, interactive);
            m.checkpoint = Optional.of(Checkpoint.resolve(snapshots));
            Path curves = snapshots.resolve(TrainingLoop.CURVES);
            m.curves = Files.isRegularFile(curves) ? Optional.of(curves) : Optional.empty();
            steps.done(state.iteration() + " iterations, checkpoint " + m.checkpoint.get());
        } catch (AdaptsegException e) {
            steps.failed(e.getMessage());
        }
    }

    private void exportAndParity(ModelRun m, Path dir) throws IOException {
        steps.begin("export + parity " + m.name);
        if (m.checkpoint.isEmpty()) {
            steps.skipped("no checkpoint");
            return;
        }
        Path onnx = dir.resolve(m.name + ".onnx");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // the gate 'export' goes through: the model reaches models/ only when parity passed, with the figures
            TrainedModel trained = TrainedModel.load(m.checkpoint.get(), manager);
            ExportGate.Outcome outcome = ExportGate.export(
                    ExportRequest.of(trained, ExportOptions.defaults(), onnx), out::println);
            ParityReport report = outcome.parity().orElseThrow().float32();
            AtomicFiles.writeString(dir.resolve(m.name + ".parity.json"), report.toJson());
            out.print(report.toText());
            m.parity = Optional.of(report.passed() ? "passed" : "FAILED: " + String.join("; ", report.failures()));
            if (outcome.written()) {
                m.onnx = Optional.of(onnx);
                steps.done(onnx + ", parity " + m.parity.get());
            } else {
                steps.failed("parity " + m.parity.get() + "; no model written to " + onnx);
            }
        } catch (AdaptsegException e) {
            steps.failed(e.getMessage());
        }
    }

    private void predict(ModelRun m, Path target, Path dir) throws IOException {
        steps.begin("predict + score " + m.name + " (edge runtime, target val)");
        if (m.onnx.isEmpty()) {
            steps.skipped("no exported model");
            return;
        }
        try {
            List<PredictInput> inputs = InputSets.cityscapes(target, "val");
            Path predictions = dir.resolve(m.name);
            PredictSettings ps = PredictSettings.defaults(m.onnx.get(), predictions, 4)
                    .withFormats(EnumSet.of(OutputFormat.TRAINID, OutputFormat.COLOR));
            PredictSummary summary = new BatchPrediction(ps, out, interactive).run(inputs);
            m.predictions = Optional.of(predictions);
            m.score = summary.score();
            steps.done(String.format(Locale.ROOT, "%d images, %.1f images/s, mIoU %s", summary.written(),
                    summary.written() / Math.max(1e-9, summary.seconds()),
                    summary.score().map(s -> io.adaptseg.core.report.ScoreReport.percent(s.means().get("mIoU"))).orElse("n/a")));
        } catch (AdaptsegException e) {
            steps.failed(e.getMessage());
        }
    }

    private void summary(List<ModelRun> models, Path report) {
        out.println("outputs:");
        out.println("  report      " + report);
        for (ModelRun m : models) {
            m.onnx.ifPresent(p -> out.println("  model       " + p));
            m.predictions.ifPresent(p -> out.println("  predictions " + p));
        }
        List<String> skipped = new ArrayList<>();
        for (StepLog.Step s : steps.steps()) {
            if (s.status().equals("skipped") || s.status().equals("failed")) {
                skipped.add(s.name() + " (" + s.status() + ": " + s.detail() + ")");
            }
        }
        if (!skipped.isEmpty()) {
            out.println("not run:");
            skipped.forEach(s -> out.println("  " + s));
        }
    }
}
