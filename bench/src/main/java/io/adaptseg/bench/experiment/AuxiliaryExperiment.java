package io.adaptseg.bench.experiment;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.train.checkpoint.Checkpoint;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The seed's auxiliary-domain comparison ("使用辅助域和不使用辅助域效果对比") on the synthetic domains of
 * {@link GapExperiment}: source-only, MS and IW-MS-multi, each trained on the source alone and with an
 * auxiliary labelled domain (a dataset in the source's GTA5 layout, normally the source translated to
 * the target's style by {@code adaptseg stylize}) mixed into every source batch by weight. Every run has
 * the same data, batch, learning rate and {@code iterations}; MS and IW-MS start from the final weights of
 * the source-only run of their own arm and seed, as the seed's MaxSquare runs start from a model
 * pre-trained on the data they adapt with. Each row scores that run's final model on the target val
 * split and the held-out source.
 *
 * <p>The whole comparison is repeated for every training seed (the data stay those of the base seed),
 * because on data this small one seed's difference between the arms is within the seed-to-seed spread;
 * the summary gives each arm's mean and the paired per-seed difference. A run whose folder already holds
 * a checkpoint of the same configuration and inputs ({@link RunInputs}: data, auxiliary folder, starting
 * weights) is resumed from it (a finished one is only scored again), so an interrupted experiment continues
 * where it stopped; a folder holding a run of other settings or inputs is an error.
 */
public final class AuxiliaryExperiment {
    /**
     * What to run: the gap experiment's settings (its seed makes the data), the auxiliary dataset, its
     * share of the source draws (the original source gets {@code 1 - auxiliaryWeight}) and the training
     * seeds.
     */
    public record Settings(GapExperiment.Settings base, Path auxiliary, double auxiliaryWeight, List<Long> seeds) {
        public Settings {
            if (!(auxiliaryWeight > 0 && auxiliaryWeight < 1)) {
                throw new IllegalArgumentException("the auxiliary weight must be in (0, 1), found " + auxiliaryWeight);
            }
            if (seeds.isEmpty() || new HashSet<>(seeds).size() != seeds.size()) {
                throw new IllegalArgumentException("the training seeds must be distinct and at least one, found " + seeds);
            }
            seeds = List.copyOf(seeds);
        }
    }

    /**
     * One run: {@code start} names the weights it began from; {@code totalIterations} includes its start's;
     * {@code resumedAt} is the iteration of the checkpoint it continued from (0: trained from its start here),
     * {@code trainSeconds} the training time spent by this invocation.
     */
    public record Row(String method, boolean auxiliary, long seed, String start, long totalIterations, ValidationResult target,
            ValidationResult heldOutSource, double trainSeconds, long resumedAt) {
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
        log.printf(Locale.ROOT, "auxiliary domain %s: %s, %.0f%% of the source draws; training seeds %s%n",
                settings.auxiliary(), list.isPresent() ? "the source's " + (s.sourceImages() - s.heldOut())
                        + " training images by name" : "all " + auxiliaryImages + " images (not a copy of this source by name)",
                100 * settings.auxiliaryWeight(), settings.seeds());
        double w = settings.auxiliaryWeight();
        UnaryOperator<TrainConfig> withAuxiliary = c -> c.withData(x -> x.withSource2("gta5", settings.auxiliary(), list,
                List.of(1 - w, w)));
        long n = s.iterations();
        List<Row> rows = new ArrayList<>();
        // a seed's six runs before the next seed's: an interrupted experiment has whole seeds to report
        for (long seed : settings.seeds()) {
            for (boolean aux : new boolean[] {false, true}) {
                UnaryOperator<TrainConfig> data = c -> (aux ? withAuxiliary.apply(c) : c).withRun(r -> r.withSeed(seed));
                Run run = new Run(aux, seed);
                Path auxiliary = aux ? settings.auxiliary() : null;
                rows.add(train(s, d, run, "source-only", "source-only", "scratch", n, data,
                        RunInputs.of(s, auxiliary, null), log, progress));
                Path sourceOnly = WeightSource.resolve(s.out().resolve(run.directory("source-only")));
                String start = "source-only" + (aux ? " + aux" : "");
                UnaryOperator<TrainConfig> from = c -> data.apply(c).withRun(r -> r.withRestore(sourceOnly, NameMap.OURS.id()));
                RunInputs fromSourceOnly = RunInputs.of(s, auxiliary, sourceOnly);
                rows.add(train(s, d, run, "MS", "maxsquare", start, 2 * n, c -> from.apply(c)
                        .withMaxSquare(m -> m.withTargetLoss(TargetLoss.MAXSQUARE, false, 0.1)), fromSourceOnly, log, progress));
                rows.add(train(s, d, run, "IW-MS-multi", "maxsquare", start, 2 * n, c -> from.apply(c)
                        .withMaxSquare(m -> m.withTargetLoss(TargetLoss.IW_MAXSQUARE, true, 0.09)), fromSourceOnly, log,
                        progress));
            }
            AtomicFiles.write(s.out().resolve("auxiliary.md"), table(settings, rows).getBytes(StandardCharsets.UTF_8));
        }
        return rows;
    }

    /** Which arm and seed a run belongs to. */
    record Run(boolean auxiliary, long seed) {
        /** The snapshot folder of one method's run under the experiment's out dir: {@code ms-s1234}, {@code ms-aux-s1234}, ... */
        String directory(String method) {
            return method.toLowerCase(Locale.ROOT) + (auxiliary ? "-aux" : "") + "-s" + seed;
        }
    }

    private static Row train(GapExperiment.Settings s, GapExperiment.Domains d, Run which, String name, String method,
            String start, long totalIterations, UnaryOperator<TrainConfig> amend, RunInputs inputs, PrintStream log,
            PrintStream progress) throws AdaptsegException, IOException {
        Path dir = s.out().resolve(which.directory(name));
        TrainingRun run = TrainingRun.prepare(GapExperiment.config(s, s.model(), method, d, dir, amend));
        Optional<Path> earlier = earlierCheckpoint(dir, run.config().toYaml());
        if (earlier.isPresent()) {
            inputs.requireSame(dir);
        } else {
            inputs.write(dir);
        }
        String label = name + (which.auxiliary() ? " + aux" : "") + ", seed " + which.seed();
        log.println("== " + label + " (from " + start + "): " + run.describeData());
        try (NDManager root = run.newRootManager(); AdaptationMethod m = run.createMethod(root, earlier.isEmpty(), log)) {
            long resumedAt = earlier.isPresent() ? Checkpoint.readState(earlier.get()).iteration() : 0;
            long t0 = System.nanoTime();
            run.train(m, earlier, log, progress, false);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ValidationResult target = GapExperiment.evaluate(m, GapExperiment.targetVal(d), s);
            ValidationResult source = GapExperiment.evaluate(m, GapExperiment.heldOutSource(d), s);
            log.printf(Locale.ROOT, "%s: target val mIoU %.2f, held-out source mIoU %.2f (%.0f s training)%n", label,
                    100 * target.meanIou(), 100 * source.meanIou(), seconds);
            return new Row(name, which.auxiliary(), which.seed(), start, totalIterations, target, source, seconds, resumedAt);
        }
    }

    /**
     * The newest checkpoint in {@code dir} when one exists, after checking that it was written with
     * {@code configYaml}: resuming a run of other settings would mix two experiments in one row.
     */
    static Optional<Path> earlierCheckpoint(Path dir, String configYaml) throws AdaptsegException, IOException {
        Optional<Path> newest = Checkpoint.newest(dir);
        if (newest.isEmpty()) {
            return newest;
        }
        Path file = newest.get().resolve(Checkpoint.CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw new AdaptsegException(file + ": missing, so the run in " + dir + " cannot be compared with this experiment's:"
                    + " give another --out or remove it");
        }
        String written = Files.readString(file, StandardCharsets.UTF_8);
        if (!written.equals(configYaml)) {
            throw new AdaptsegException(dir + " holds a run with other settings (" + newest.get().getFileName()
                    + "/" + Checkpoint.CONFIG_FILE + " differs from this experiment's): give another --out or remove it");
        }
        return newest;
    }

    /** The results as Markdown (also written to {@code auxiliary.md}): every run, then the seed summary. */
    public static String table(Settings settings, List<Row> rows) {
        GapExperiment.Settings s = settings.base();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, %d iterations per run, batch %d at %dx%d, lr %.1e, data seed %d, training"
                + " seeds %s; %d source (%d held out), %d target train, %d target val images; auxiliary %s drawn for %.0f%% of"
                + " source samples%n%n", s.model(), s.iterations(), s.batch(), s.width(), s.height(), s.learningRate(), s.seed(),
                settings.seeds(), s.sourceImages(), s.heldOut(), s.targetTrain(), s.targetVal(), settings.auxiliary(),
                100 * settings.auxiliaryWeight()));
        sb.append("| method | auxiliary domain | seed | starts from | total iterations | target val mIoU | target FWIoU | target PA"
                + " | held-out source mIoU | training s |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d | %.2f | %.2f | %.2f | %.2f | %s |%n", r.method(),
                    r.auxiliary() ? "yes" : "no", r.seed(), r.start(), r.totalIterations(), 100 * r.target().meanIou(),
                    100 * r.target().frequencyWeightedIou(), 100 * r.target().pixelAccuracy(), 100 * r.heldOutSource().meanIou(),
                    r.resumedAt() > 0 ? String.format(Locale.ROOT, "%.0f (resumed at %d)", r.trainSeconds(), r.resumedAt())
                            : String.format(Locale.ROOT, "%.0f", r.trainSeconds())));
        }
        sb.append('\n').append(summary(rows));
        return sb.toString();
    }

    /**
     * Per method, over the seeds both arms have: target mIoU and FWIoU without and with the auxiliary
     * domain (mean ± sample sd) and the paired difference with − without, plus the held-out source mIoU's.
     */
    static String summary(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| method | seeds | target mIoU without | target mIoU with | mIoU with − without | FWIoU with − without"
                + " | held-out source mIoU with − without |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (String method : rows.stream().map(Row::method).distinct().toList()) {
            List<Row> without = new ArrayList<>();
            List<Row> with = new ArrayList<>();
            for (Row a : rows) {
                if (a.method().equals(method) && !a.auxiliary()) {
                    rows.stream().filter(b -> b.method().equals(method) && b.auxiliary() && b.seed() == a.seed()).findFirst()
                            .ifPresent(b -> {
                                without.add(a);
                                with.add(b);
                            });
                }
            }
            if (without.isEmpty()) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", method, without.size(),
                    SeedSummary.of(score(without, r -> r.target().meanIou())).asLevel(),
                    SeedSummary.of(score(with, r -> r.target().meanIou())).asLevel(),
                    SeedSummary.paired(score(without, r -> r.target().meanIou()), score(with, r -> r.target().meanIou())).asChange(),
                    SeedSummary.paired(score(without, r -> r.target().frequencyWeightedIou()),
                            score(with, r -> r.target().frequencyWeightedIou())).asChange(),
                    SeedSummary.paired(score(without, r -> r.heldOutSource().meanIou()),
                            score(with, r -> r.heldOutSource().meanIou())).asChange()));
        }
        return sb.toString();
    }

    /** One score of each row, in percent. */
    private static List<Double> score(List<Row> rows, ToDoubleFunction<Row> f) {
        return rows.stream().map(r -> 100 * f.applyAsDouble(r)).toList();
    }
}
