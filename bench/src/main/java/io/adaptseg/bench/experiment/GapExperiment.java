package io.adaptseg.bench.experiment;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import io.adaptseg.synth.SynthGenerator;
import io.adaptseg.train.config.Size;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.data.TrainingData;
import io.adaptseg.train.eval.SegmentationValidation;
import io.adaptseg.train.loop.ValidationResult;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.run.TrainingRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The domain-gap experiment on the synthetic domains: generate a GTA5-like source and a
 * Cityscapes-like target, hold out part of the source, train source-only and AdvNet with the same
 * network, seed, schedule and number of iterations, and score each on the held-out source and on
 * the target val split. Source-only's drop from held-out source to target is the domain gap; AdvNet's
 * target score against source-only's is what adaptation bought (or cost).
 */
public final class GapExperiment {
    /** What to run. */
    public record Settings(Path out, String model, int width, int height, int sourceImages, int heldOut, int targetTrain,
            int targetVal, int iterations, int batch, double learningRate, long seed) {
    }

    /** One method's scores. */
    public record Result(String method, ValidationResult heldOutSource, ValidationResult target, double trainSeconds) {
    }

    private GapExperiment() {
    }

    /** The generated data of an experiment: the synthetic domains and the source's train / held-out lists. */
    record Domains(Path data, Path trainList, Path heldOutList) {
    }

    /** Generates GTA5-like and Cityscapes-like data under {@code <out>/data} and splits the source. */
    static Domains generate(Settings s, PrintStream log) throws AdaptsegException, IOException {
        Path data = s.out().resolve("data");
        long t0 = System.nanoTime();
        SynthGenerator.generate(new SynthConfig(s.seed(), s.height(), s.width(), s.sourceImages(), s.targetTrain(), s.targetVal(),
                EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES), Math.max(1, Runtime.getRuntime().availableProcessors())),
                data, true, n -> { });
        log.printf(Locale.ROOT, "generated %d source, %d target train, %d target val images of %dx%d in %.1f s%n",
                s.sourceImages(), s.targetTrain(), s.targetVal(), s.width(), s.height(), (System.nanoTime() - t0) / 1e9);
        List<Sample> all = TrainingData.open("gta5", data.resolve("gta5"), "train", Optional.empty(), true, "source").samples();
        Path trainList = s.out().resolve("source-train.txt");
        Path heldOutList = s.out().resolve("source-heldout.txt");
        int split = all.size() - s.heldOut();
        writeList(trainList, all.subList(0, split));
        writeList(heldOutList, all.subList(split, all.size()));
        return new Domains(data, trainList, heldOutList);
    }

    public static List<Result> run(Settings s, PrintStream log, PrintStream progress) throws AdaptsegException, IOException {
        Domains domains = generate(s, log);
        Path data = domains.data();
        Path trainList = domains.trainList();
        Path heldOutList = domains.heldOutList();
        List<Result> results = new ArrayList<>();
        for (String method : List.of("source-only", "advnet")) {
            TrainConfig config = config(s, s.model(), method, domains, s.out().resolve(method), c -> c);
            TrainingRun run = TrainingRun.prepare(config);
            log.println("== " + method + ": " + run.describeData());
            try (NDManager root = run.newRootManager(); AdaptationMethod m = run.createMethod(root, true, log)) {
                long start = System.nanoTime();
                run.train(m, Optional.empty(), log, progress, false);
                double seconds = (System.nanoTime() - start) / 1e9;
                ValidationResult source = evaluate(m, heldOutSource(domains), s);
                ValidationResult target = evaluate(m, targetVal(domains), s);
                results.add(new Result(method, source, target, seconds));
                log.printf(Locale.ROOT, "%s: held-out source mIoU %.2f, target val mIoU %.2f (%.0f s training)%n", method,
                        100 * source.meanIou(), 100 * target.meanIou(), seconds);
            }
        }
        AtomicFiles.write(s.out().resolve("gap.md"), table(s, results).getBytes(StandardCharsets.UTF_8));
        return results;
    }

    static TrainingData heldOutSource(Domains d) throws AdaptsegException {
        return TrainingData.open("gta5", d.data().resolve("gta5"), "train", Optional.of(d.heldOutList()), true, "source");
    }

    static TrainingData targetVal(Domains d) throws AdaptsegException {
        return TrainingData.open("cityscapes", d.data().resolve("cityscapes"), "val", Optional.empty(), true, "target");
    }

    static ValidationResult evaluate(AdaptationMethod m, TrainingData data, Settings s) throws AdaptsegException {
        return new SegmentationValidation<>(data.samples(), data.decoder(LabelSet.CITYSCAPES19), s.width(), s.height(),
                m.segmenter().normalization(), Protocol.CITYSCAPES19).run(m);
    }

    private static void writeList(Path file, List<Sample> samples) throws IOException {
        StringBuilder sb = new StringBuilder();
        samples.forEach(p -> sb.append(p.image().getFileName()).append('\n'));
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The experiment's training config of one run; {@code amend} changes it further. */
    static TrainConfig config(Settings s, String model, String method, Domains d, Path snapshotDir,
            UnaryOperator<TrainConfig> amend) throws AdaptsegException {
        Size size = new Size(s.width(), s.height());
        int steps = s.iterations();
        return amend.apply(TrainConfig.defaults("experiment (" + method + ")", model, d.data().resolve("gta5"))
                .withRun(r -> r.withMethod(method).withSeed(s.seed()))
                .withData(x -> x.withSource(x.dataDir(), Optional.of(d.trainList()))
                        .withTargetDir(d.data().resolve("cityscapes")).withInputSizes(size, size).withBatch(s.batch(), 2))
                .withAugmentation(a -> a.withMirror(true))
                .withSchedule(x -> x.withLearningRate(s.learningRate()).withSteps(steps, Math.max(1, steps / 10))
                        .withSnapshotDir(snapshotDir)));
    }

    /** The results as a Markdown table (also written to {@code gap.md}). */
    public static String table(Settings s, List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %d iterations of batch %d at %dx%d, lr %.1e, seed %d%n%n", s.model(),
                s.iterations(), s.batch(), s.width(), s.height(), s.learningRate(), s.seed()));
        sb.append("| method | held-out source mIoU | target val mIoU | target FWIoU | target PA | training s |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.0f |%n", r.method(),
                    100 * r.heldOutSource().meanIou(), 100 * r.target().meanIou(), 100 * r.target().frequencyWeightedIou(),
                    100 * r.target().pixelAccuracy(), r.trainSeconds()));
        }
        return sb.toString();
    }
}
