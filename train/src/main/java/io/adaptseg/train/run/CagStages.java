package io.adaptseg.train.run;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.loop.ValidationResult;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.method.CategoryAnchors;
import io.adaptseg.train.method.WeightSource;
import io.adaptseg.train.weights.NameMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * CAG's multi-stage schedule driven from one {@code method: cag} config. The starting model is the
 * config's {@code predictor-from} when set; otherwise a warm-up stage 0 trains {@code method: advnet}
 * with the config's own settings ({@code restore-from} as given, e.g. ImageNet weights) into
 * {@code <snapshot-dir>/stage0}. Stage k (1..N) then computes the anchors of stage k−1's final model
 * over the source ({@code stage<k>/anchors.npz}), and trains CAG from that model, which is also the
 * fixed predictor of the pseudo-labels, into {@code <snapshot-dir>/stage<k>}. Each stage's final model
 * is scored on the validation set; the summary goes to {@code <snapshot-dir>/stages.json}.
 *
 * <p>Every stage's config is the base config as a {@code with…} copy: method, snapshot folder and, for
 * CAG stages, the starting weights, predictor and anchors replaced.
 *
 * <p>The final model, not the best-on-validation one, seeds the next stage, so that no target label
 * steers the schedule.
 */
public final class CagStages {
    /** The summary file in the snapshot directory. */
    public static final String SUMMARY = "stages.json";

    /** One stage's outcome; {@code validation} is empty when the config validates nothing. */
    public record Stage(int stage, String method, String checkpoint, long iterations, double seconds,
            Optional<ValidationResult> validation) {
    }

    private CagStages() {
    }

    /** Runs the stages. */
    public static List<Stage> run(TrainConfig base, int stages, PrintStream log, PrintStream progress, boolean interactive)
            throws AdaptsegException, IOException {
        if (stages < 1) {
            throw new AdaptsegException("--stages must be at least 1, found " + stages);
        }
        if (!base.run().method().equals("cag")) {
            throw new AdaptsegException(base.origin() + ": --stages drives method cag, but the config's method is '"
                    + base.run().method() + "'");
        }
        Path snapshots = base.schedule().snapshotDir();
        // every stage's config is checked (data folders, keys) before the first one trains
        TrainingRun.prepare(derive(base, 0, "advnet", snapshots.resolve("stage0")));
        List<Stage> done = new ArrayList<>();
        Path previous;
        Optional<Path> start = base.cag().predictorFrom();
        if (start.isPresent()) {
            previous = start.get();
            log.println("== CAG stages: starting model " + previous + " (predictor-from)");
        } else {
            Path dir = snapshots.resolve("stage0");
            log.println("== CAG stage 0: AdvNet warm-up into " + dir);
            Stage s = train(0, derive(base, 0, "advnet", dir), log, progress, interactive);
            done.add(s);
            summarise(snapshots, done);
            previous = Path.of(s.checkpoint());
        }
        for (int k = 1; k <= stages; k++) {
            Path dir = snapshots.resolve("stage" + k);
            Path anchorsFile = dir.resolve("anchors.npz");
            Path predictor = previous;
            Path weights = WeightSource.resolve(predictor);
            TrainConfig config = derive(base, k, "cag", dir)
                    .withRun(r -> r.withRestore(weights, NameMap.OURS.id()))
                    .withCag(c -> c.withStage(anchorsFile, predictor));
            log.println("== CAG stage " + k + ": anchors and pseudo-labels from " + previous + ", snapshots in " + dir);
            CategoryAnchors anchors = TrainingRun.prepare(config).computeAnchors(previous, log);
            anchors.save(anchorsFile);
            Stage s = train(k, config, log, progress, interactive);
            done.add(s);
            summarise(snapshots, done);
            previous = Path.of(s.checkpoint());
        }
        return done;
    }

    private static TrainConfig derive(TrainConfig base, int stage, String method, Path snapshotDir) {
        return base.withOrigin(base.origin() + " (stage " + stage + ")").withRun(r -> r.withMethod(method))
                .withSchedule(s -> s.withSnapshotDir(snapshotDir));
    }

    private static Stage train(int stage, TrainConfig config, PrintStream log, PrintStream progress, boolean interactive)
            throws AdaptsegException, IOException {
        TrainingRun run = TrainingRun.prepare(config);
        Path dir = config.schedule().snapshotDir();
        try (NDManager root = run.newRootManager(); AdaptationMethod method = run.createMethod(root, true, log)) {
            long t0 = System.nanoTime();
            TrainingState end = run.train(method, Optional.empty(), log, progress, interactive);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Optional<ValidationResult> v = run.validate(method);
            v.ifPresent(r -> log.printf(Locale.ROOT, "stage %d (%s) final model: mIoU = %.2f FWIoU = %.2f PA = %.2f%n", stage,
                    config.run().method(), 100 * r.meanIou(), 100 * r.frequencyWeightedIou(), 100 * r.pixelAccuracy()));
            return new Stage(stage, config.run().method(), Checkpoint.resolve(dir).toString(), end.iteration(), seconds, v);
        }
    }

    /** Writes {@code stages.json} (atomically) with the stages so far. */
    static void summarise(Path snapshots, List<Stage> stages) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Stage s : stages) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", s.stage());
            row.put("method", s.method());
            row.put("checkpoint", s.checkpoint());
            row.put("iterations", s.iterations());
            row.put("seconds", Math.round(s.seconds() * 10) / 10.0);
            s.validation().ifPresent(v -> {
                row.put("miou", v.meanIou());
                row.put("fwiou", v.frequencyWeightedIou());
                row.put("pixel_accuracy", v.pixelAccuracy());
                row.put("images", v.images());
            });
            rows.add(row);
        }
        byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(Map.of("stages", rows));
        AtomicFiles.write(snapshots.resolve(SUMMARY), json);
    }

    /** The stages as a Markdown table. */
    public static String table(List<Stage> stages) {
        StringBuilder sb = new StringBuilder("| stage | method | iterations | val mIoU | val FWIoU | val PA | training s |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Stage s : stages) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %s | %s | %.0f |%n", s.stage(), s.method(), s.iterations(),
                    percent(s.validation().map(ValidationResult::meanIou)),
                    percent(s.validation().map(ValidationResult::frequencyWeightedIou)),
                    percent(s.validation().map(ValidationResult::pixelAccuracy)), s.seconds()));
        }
        return sb.toString();
    }

    private static String percent(Optional<Double> v) {
        return v.map(x -> String.format(Locale.ROOT, "%.2f", 100 * x)).orElse("-");
    }
}
