package io.adaptseg.bench.experiment;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.train.config.TargetLoss;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.loop.ValidationResult;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.method.WeightSource;
import io.adaptseg.train.run.CagStages;
import io.adaptseg.train.run.TrainingRun;
import io.adaptseg.train.weights.NameMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every adaptation method on the synthetic domains of {@link GapExperiment}, one table of held-out
 * source and target val scores: source-only, AdvNet and CLAN from scratch; MS and IW-MS-multi from
 * the source-only run's final weights (as the MaxSquare references start from a source-only model),
 * with source-only continued from the same weights for as long as their control;
 * CAG on the DeepLab-v3+ variant of the same size: an AdvNet warm-up (stage 0), then {@code stages}
 * CAG stages ({@link CagStages}). Every run trains {@code iterations} iterations with the same seed,
 * batch and base learning rate; each row scores that run's final model (no best-on-target selection).
 */
public final class MethodsExperiment {
    private static final Pattern DEEPLAB_V2 = Pattern.compile("deeplabv2-(.+)-(multi|single)");

    /** What to run: the gap experiment's settings plus the number of CAG stages. */
    public record Settings(GapExperiment.Settings base, int stages) {
    }

    /**
     * One row: {@code start} names the weights the run began from, {@code totalIterations} counts the
     * iterations behind the model including those of its starting model.
     */
    public record Row(String method, String model, String start, long totalIterations, ValidationResult heldOutSource,
            ValidationResult target, double trainSeconds) {
    }

    private MethodsExperiment() {
    }

    /** The DeepLab-v2 model's CLAN and DeepLab-v3+ variants of the same backbone size. */
    static String[] variants(String model) throws AdaptsegException {
        Matcher m = DEEPLAB_V2.matcher(model);
        if (!m.matches()) {
            throw new AdaptsegException("--architecture must be a deeplabv2-<size>-multi or -single network (CLAN and CAG use its"
                    + " -clan and deeplabv3plus-<size> variants), found '" + model + "'");
        }
        return new String[] {"deeplabv2-" + m.group(1) + "-clan", "deeplabv3plus-" + m.group(1)};
    }

    public static List<Row> run(Settings settings, PrintStream log, PrintStream progress) throws AdaptsegException, IOException {
        GapExperiment.Settings s = settings.base();
        String[] variants = variants(s.model());
        GapExperiment.Domains d = GapExperiment.generate(s, log);
        long n = s.iterations();
        List<Row> rows = new ArrayList<>();
        rows.add(train(s, d, "source-only", s.model(), "source-only", "scratch", n, c -> c, log, progress));
        Path sourceOnly = WeightSource.resolve(s.out().resolve("source-only"));
        rows.add(train(s, d, "advnet", s.model(), "advnet", "scratch", n, c -> c, log, progress));
        rows.add(train(s, d, "clan", variants[0], "clan", "scratch", n,
                c -> c.withSchedule(x -> x.withWarmupSteps(Math.max(1, n / 20))), log, progress));
        UnaryOperator<TrainConfig> fromSourceOnly = c -> c.withRun(r -> r.withRestore(sourceOnly, NameMap.OURS.id()));
        // the control for MS: as many more iterations from the same start, without a target loss
        rows.add(train(s, d, "source-only continued", s.model(), "source-only", "source-only", 2 * n, fromSourceOnly, log,
                progress));
        rows.add(train(s, d, "MS", s.model(), "maxsquare", "source-only", 2 * n, c -> fromSourceOnly.apply(c)
                .withMaxSquare(m -> m.withTargetLoss(TargetLoss.MAXSQUARE, false, 0.1)), log, progress));
        rows.add(train(s, d, "IW-MS-multi", s.model(), "maxsquare", "source-only", 2 * n, c -> fromSourceOnly.apply(c)
                .withMaxSquare(m -> m.withTargetLoss(TargetLoss.IW_MAXSQUARE, true, 0.09)), log, progress));

        // CAG's reference optimiser: heads at the backbone's rate, weight decay 2e-4
        TrainConfig cag = GapExperiment.config(s, variants[1], "cag", d, s.out().resolve("cag"),
                c -> c.withValidation(v -> v.withEvery((int) n, 0)).withSegmenter(x -> x.withDecayAndHeads(2.0e-4, 1.0)));
        log.println("== cag: " + settings.stages() + " stages after an AdvNet warm-up, " + variants[1]);
        List<CagStages.Stage> stages;
        try {
            stages = CagStages.run(cag, settings.stages(), log, progress, false);
        } catch (AdaptsegException e) {
            // the other rows took many minutes: keep them, and say what stopped CAG
            log.println("CAG stopped: " + e.getMessage());
            String table = table(settings, rows) + "\nCAG stopped: " + e.getMessage() + "\n";
            AtomicFiles.write(s.out().resolve("methods.md"), table.getBytes(StandardCharsets.UTF_8));
            return rows;
        }
        String start = "scratch";
        for (CagStages.Stage st : stages) {
            Path weights = WeightSource.resolve(Path.of(st.checkpoint()));
            ValidationResult[] scores = score(s, d, variants[1], weights);
            String name = st.stage() == 0 ? "CAG stage 0 (AdvNet warm-up)" : "CAG stage " + st.stage();
            rows.add(new Row(name, variants[1], start, (st.stage() + 1) * n, scores[0], scores[1], st.seconds()));
            log.printf(Locale.ROOT, "%s: held-out source mIoU %.2f, target val mIoU %.2f%n", name, 100 * scores[0].meanIou(),
                    100 * scores[1].meanIou());
            start = st.stage() == 0 ? "stage 0" : "stage " + st.stage();
        }
        AtomicFiles.write(s.out().resolve("methods.md"), table(settings, rows).getBytes(StandardCharsets.UTF_8));
        return rows;
    }

    private static Row train(GapExperiment.Settings s, GapExperiment.Domains d, String name, String model, String method,
            String start, long totalIterations, UnaryOperator<TrainConfig> amend, PrintStream log, PrintStream progress)
            throws AdaptsegException, IOException {
        Path dir = s.out().resolve(name.equals(method) ? method : name.toLowerCase(Locale.ROOT).replace(' ', '-'));
        TrainingRun run = TrainingRun.prepare(GapExperiment.config(s, model, method, d, dir, amend));
        log.println("== " + name + " (" + model + ", from " + start + "): " + run.describeData());
        try (NDManager root = run.newRootManager(); AdaptationMethod m = run.createMethod(root, true, log)) {
            long t0 = System.nanoTime();
            run.train(m, Optional.empty(), log, progress, false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ValidationResult source = GapExperiment.evaluate(m, GapExperiment.heldOutSource(d), s);
            ValidationResult target = GapExperiment.evaluate(m, GapExperiment.targetVal(d), s);
            log.printf(Locale.ROOT, "%s: held-out source mIoU %.2f, target val mIoU %.2f (%.0f s training)%n", name,
                    100 * source.meanIou(), 100 * target.meanIou(), seconds);
            return new Row(name, model, start, totalIterations, source, target, seconds);
        }
    }

    /** Held-out source and target val scores of the weights in {@code weights} (a G.npz). */
    private static ValidationResult[] score(GapExperiment.Settings s, GapExperiment.Domains d, String model, Path weights)
            throws AdaptsegException {
        TrainingRun run = TrainingRun.prepare(GapExperiment.config(s, model, "source-only", d, s.out().resolve("scoring"),
                c -> c.withRun(r -> r.withRestore(weights, NameMap.OURS.id()))));
        try (NDManager root = run.newRootManager();
                AdaptationMethod m = run.createMethod(root, true, new PrintStream(PrintStream.nullOutputStream()))) {
            return new ValidationResult[] {GapExperiment.evaluate(m, GapExperiment.heldOutSource(d), s),
                    GapExperiment.evaluate(m, GapExperiment.targetVal(d), s)};
        }
    }

    /** The results as a Markdown table (also written to {@code methods.md}). */
    public static String table(Settings settings, List<Row> rows) {
        GapExperiment.Settings s = settings.base();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d iterations per run, batch %d at %dx%d, lr %.1e, seed %d; %d source (%d held out),"
                + " %d target train, %d target val images%n%n", s.iterations(), s.batch(), s.width(), s.height(), s.learningRate(),
                s.seed(), s.sourceImages(), s.heldOut(), s.targetTrain(), s.targetVal()));
        sb.append("| method | model | starts from | total iterations | held-out source mIoU | target val mIoU | target FWIoU"
                + " | target PA | training s |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.0f |%n", r.method(),
                    r.model(), r.start(), r.totalIterations(), 100 * r.heldOutSource().meanIou(), 100 * r.target().meanIou(),
                    100 * r.target().frequencyWeightedIou(), 100 * r.target().pixelAccuracy(), r.trainSeconds()));
        }
        return sb.toString();
    }
}
