package io.adaptseg.bench.experiment;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.train.config.TargetLoss;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.data.TrainingData;
import io.adaptseg.train.loop.ValidationResult;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.method.WeightSource;
import io.adaptseg.train.run.TrainingRun;
import io.adaptseg.train.weights.NameMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The seed's auxiliary-domain comparison ("使用辅助域和不使用辅助域效果对比") on the synthetic domains of
 * {@link GapExperiment}: source-only, MS and IW-MS-multi, each trained once on the source alone and
 * once with an auxiliary labelled domain (a dataset in the source's GTA5 layout, normally the source
 * translated to the target's style by {@code adaptseg stylize}) mixed into every source batch by
 * weight. Every run has the same seed, batch, learning rate and {@code iterations}; MS and IW-MS start
 * from the final weights of the source-only run of their own arm (with the auxiliary domain or without),
 * as the seed's MaxSquare runs start from a model pre-trained on the data they adapt with. Each row
 * scores that run's final model on the target val split and the held-out source.
 */
public final class AuxiliaryExperiment {
    /**
     * What to run: the gap experiment's settings, the auxiliary dataset and its share of the source
     * draws (the original source gets {@code 1 - auxiliaryWeight}).
     */
    public record Settings(GapExperiment.Settings base, Path auxiliary, double auxiliaryWeight) {
        public Settings {
            if (!(auxiliaryWeight > 0 && auxiliaryWeight < 1)) {
                throw new IllegalArgumentException("the auxiliary weight must be in (0, 1), found " + auxiliaryWeight);
            }
        }
    }

    /** One run: {@code start} names the weights it began from; {@code totalIterations} includes its start's. */
    public record Row(String method, boolean auxiliary, String start, long totalIterations, ValidationResult target,
            ValidationResult heldOutSource, double trainSeconds) {
    }

    private AuxiliaryExperiment() {
    }

    /**
     * The auxiliary dataset as a second source of the runs: restricted to the source's training list
     * when it holds every image of it by name (a translated copy of the experiment's own source), so
     * that no translated held-out image is trained on; otherwise all its images.
     */
    static Optional<Path> auxiliaryList(Path auxiliary, Path trainList) throws AdaptsegException, IOException {
        // only missing names mean "not a copy of this source"; any other fault of the folder (a missing label,
        // an unreadable image) is an error, never a reason to train on the held-out images' copies
        for (String name : Files.readAllLines(trainList, StandardCharsets.UTF_8)) {
            if (!name.isBlank() && !Files.isRegularFile(auxiliary.resolve("images").resolve(name.strip()))) {
                return Optional.empty();
            }
        }
        TrainingData.open("gta5", auxiliary, "train", Optional.of(trainList), true, "--auxiliary");
        return Optional.of(trainList);
    }

    /** Checks that {@code dir} is a labelled GTA5-layout dataset; the message names the option. */
    public static int checkAuxiliary(Path dir) throws AdaptsegException {
        return TrainingData.open("gta5", dir, "train", Optional.empty(), true, "--auxiliary").samples().size();
    }

    public static List<Row> run(Settings settings, PrintStream log, PrintStream progress) throws AdaptsegException, IOException {
        GapExperiment.Settings s = settings.base();
        int auxiliaryImages = checkAuxiliary(settings.auxiliary());
        GapExperiment.Domains d = GapExperiment.generate(s, log);
        Optional<Path> list = auxiliaryList(settings.auxiliary(), d.trainList());
        log.printf(Locale.ROOT, "auxiliary domain %s: %s, %.0f%% of the source draws%n", settings.auxiliary(),
                list.isPresent() ? "the source's " + (s.sourceImages() - s.heldOut()) + " training images by name"
                        : "all " + auxiliaryImages + " images (not a copy of this source by name)",
                100 * settings.auxiliaryWeight());
        double w = settings.auxiliaryWeight();
        UnaryOperator<TrainConfig> withAuxiliary = c -> c.withData(x -> x.withSource2("gta5", settings.auxiliary(), list,
                List.of(1 - w, w)));
        long n = s.iterations();
        List<Row> rows = new ArrayList<>();
        for (boolean aux : new boolean[] {false, true}) {
            UnaryOperator<TrainConfig> data = aux ? withAuxiliary : c -> c;
            rows.add(train(s, d, "source-only", "source-only", aux, "scratch", n, data, log, progress));
            Path sourceOnly = WeightSource.resolve(s.out().resolve(directory("source-only", aux)));
            String start = "source-only" + (aux ? " + aux" : "");
            UnaryOperator<TrainConfig> from = c -> data.apply(c).withRun(r -> r.withRestore(sourceOnly, NameMap.OURS.id()));
            rows.add(train(s, d, "MS", "maxsquare", aux, start, 2 * n, c -> from.apply(c)
                    .withMaxSquare(m -> m.withTargetLoss(TargetLoss.MAXSQUARE, false, 0.1)), log, progress));
            rows.add(train(s, d, "IW-MS-multi", "maxsquare", aux, start, 2 * n, c -> from.apply(c)
                    .withMaxSquare(m -> m.withTargetLoss(TargetLoss.IW_MAXSQUARE, true, 0.09)), log, progress));
        }
        AtomicFiles.write(s.out().resolve("auxiliary.md"), table(settings, rows).getBytes(StandardCharsets.UTF_8));
        return rows;
    }

    /** The snapshot folder of a run under the experiment's out dir: {@code ms}, {@code ms-aux}, ... */
    static String directory(String name, boolean aux) {
        return name.toLowerCase(Locale.ROOT) + (aux ? "-aux" : "");
    }

    private static Row train(GapExperiment.Settings s, GapExperiment.Domains d, String name, String method, boolean aux,
            String start, long totalIterations, UnaryOperator<TrainConfig> amend, PrintStream log, PrintStream progress)
            throws AdaptsegException, IOException {
        TrainingRun run = TrainingRun.prepare(GapExperiment.config(s, s.model(), method, d,
                s.out().resolve(directory(name, aux)), amend));
        String label = name + (aux ? " + aux" : "");
        log.println("== " + label + " (from " + start + "): " + run.describeData());
        try (NDManager root = NDManager.newBaseManager(); AdaptationMethod m = run.createMethod(root, true, log)) {
            long t0 = System.nanoTime();
            run.train(m, Optional.empty(), log, progress, false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ValidationResult target = GapExperiment.evaluate(m, GapExperiment.targetVal(d), s);
            ValidationResult source = GapExperiment.evaluate(m, GapExperiment.heldOutSource(d), s);
            log.printf(Locale.ROOT, "%s: target val mIoU %.2f, held-out source mIoU %.2f (%.0f s training)%n", label,
                    100 * target.meanIou(), 100 * source.meanIou(), seconds);
            return new Row(name, aux, start, totalIterations, target, source, seconds);
        }
    }

    /** The results as a Markdown table (also written to {@code auxiliary.md}). */
    public static String table(Settings settings, List<Row> rows) {
        GapExperiment.Settings s = settings.base();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %d iterations per run, batch %d at %dx%d, lr %.1e, seed %d; %d source (%d held"
                + " out), %d target train, %d target val images; auxiliary %s drawn for %.0f%% of source samples%n%n",
                s.model(), s.iterations(), s.batch(), s.width(), s.height(), s.learningRate(), s.seed(), s.sourceImages(),
                s.heldOut(), s.targetTrain(), s.targetVal(), settings.auxiliary(), 100 * settings.auxiliaryWeight()));
        sb.append("| method | auxiliary domain | starts from | total iterations | target val mIoU | target FWIoU | target PA"
                + " | held-out source mIoU | training s |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %.2f | %.2f | %.2f | %.0f |%n", r.method(),
                    r.auxiliary() ? "yes" : "no", r.start(), r.totalIterations(), 100 * r.target().meanIou(),
                    100 * r.target().frequencyWeightedIou(), 100 * r.target().pixelAccuracy(), 100 * r.heldOutSource().meanIou(),
                    r.trainSeconds()));
        }
        return sb.toString();
    }
}
