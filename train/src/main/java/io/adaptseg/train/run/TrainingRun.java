package io.adaptseg.train.run;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.data.Augmentation;
import io.adaptseg.train.data.BatchStream;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.train.data.TrainingData;
import io.adaptseg.train.eval.SegmentationValidation;
import io.adaptseg.train.loop.Resume;
import io.adaptseg.train.loop.TrainingLoop;
import io.adaptseg.train.loop.ValidationResult;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.method.AnchorComputation;
import io.adaptseg.train.method.CategoryAnchors;
import io.adaptseg.train.method.MethodFactory;
import io.adaptseg.train.method.MethodRegistry;
import io.adaptseg.train.method.WeightSource;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.optim.LearningRateSchedule;
import io.adaptseg.train.weights.NameMap;
import io.adaptseg.train.weights.PublishedWeights;
import io.adaptseg.train.weights.WeightFiles;
import io.adaptseg.train.weights.WeightImportReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One training run described by a {@link TrainConfig}: every input is checked (keys, values, data
 * folders, method and architecture names) before the networks are built, then the loop runs from
 * iteration 0 or from a checkpoint. Validation, when {@code val-every > 0}, scores the target's
 * {@code val-split} with the protocol of {@code val-protocol} (default: the label set's).
 */
public final class TrainingRun {
    private final TrainConfig config;
    private final LabelSet labelSet;
    private final Protocol protocol;
    private final MethodFactory methodFactory;
    private final TrainingData source;
    private final Optional<TrainingData> target;
    private final Optional<TrainingData> validation;

    private TrainingRun(TrainConfig config) throws AdaptsegException {
        this.config = config;
        this.labelSet = LabelSet.byId(config.choice("label-set", "cityscapes19", "synthia16", "synthia13"));
        this.protocol = protocol(config, labelSet);
        this.methodFactory = MethodRegistry.factory(config);
        SegmenterRegistry.family(config.string("model")); // an unknown architecture fails here, before any data is read
        this.source = TrainingData.open(config.string("source-dataset"), Path.of(config.string("data-dir")), "train",
                config.path("data-list"), true, "data-dir");
        Optional<Path> targetDir = config.path("data-dir-target");
        this.target = targetDir.isPresent()
                ? Optional.of(TrainingData.open(config.string("target-dataset"), targetDir.get(), config.string("target-split"),
                        config.path("data-list-target"), false, "data-dir-target"))
                : Optional.empty();
        if (config.integer("val-every") > 0) {
            Optional<Path> valDir = config.path("val-data-dir").or(() -> targetDir);
            if (valDir.isEmpty()) {
                throw new AdaptsegException(config.origin() + ": val-every > 0 needs val-data-dir or data-dir-target");
            }
            this.validation = Optional.of(TrainingData.open(config.string("target-dataset"), valDir.get(),
                    config.string("val-split"), config.path("val-list"), true,
                    config.path("val-data-dir").isPresent() ? "val-data-dir" : "data-dir-target")
                    .limit(config.integer("val-max-images")));
        } else {
            this.validation = Optional.empty();
        }
    }

    /** Checks the whole config against the registries and the data folders; reads no pixels. */
    public static TrainingRun prepare(TrainConfig config) throws AdaptsegException {
        return new TrainingRun(config);
    }

    private static Protocol protocol(TrainConfig config, LabelSet labelSet) throws AdaptsegException {
        String id = config.choice("val-protocol", "", "cityscapes19", "synthia16", "synthia13");
        Protocol p = id.isEmpty() ? switch (labelSet) {
            case CITYSCAPES19 -> Protocol.CITYSCAPES19;
            case SYNTHIA16 -> Protocol.SYNTHIA16;
            case SYNTHIA13 -> Protocol.SYNTHIA13;
        } : Protocol.byId(id);
        if (p.matrixSet() != labelSet) {
            throw new AdaptsegException(config.origin() + ": val-protocol " + p.id() + " scores " + p.matrixSet().id()
                    + " outputs, but label-set is " + labelSet.id());
        }
        return p;
    }

    /** Number of source, target and validation samples found. */
    public String describeData() {
        return String.format(java.util.Locale.ROOT, "source %s: %d images; target %s: %d images; validation: %d images",
                source.description(), source.samples().size(), target.map(TrainingData::description).orElse("-"),
                target.map(t -> t.samples().size()).orElse(0), validation.map(v -> v.samples().size()).orElse(0));
    }

    /**
     * Trains from scratch (or {@code restore-from} weights) or, with {@code resumeFrom}, from a
     * checkpoint directory ({@code iter_<n>} or a snapshot directory, whose newest checkpoint is used).
     */
    public TrainingState run(Optional<Path> resumeFrom, PrintStream log, PrintStream progress, boolean interactive)
            throws AdaptsegException, IOException {
        Optional<Path> checkpoint = resumeFrom.isPresent() ? Optional.of(Checkpoint.resolve(resumeFrom.get())) : Optional.empty();
        try (NDManager root = NDManager.newBaseManager(); AdaptationMethod method = createMethod(root, checkpoint.isEmpty(), log)) {
            return train(method, checkpoint, log, progress, interactive);
        }
    }

    /**
     * The segmenter (seeded initialisation, then {@code restore-from} weights when {@code restore} is
     * set) and the configured method around it, their parameters owned by {@code root}.
     */
    public AdaptationMethod createMethod(NDManager root, boolean restore, PrintStream log) throws AdaptsegException {
        Engine.getInstance().setRandomSeed((int) (config.integer("random-seed") & 0x7fffffff));
        Segmenter segmenter = SegmenterRegistry.create(config.string("model"), labelSet.size());
        segmenter.initialize(root);
        if (restore) {
            restoreWeights(segmenter, log);
        }
        AdaptationMethod method = methodFactory.create(segmenter, config, root);
        if (method.usesTarget() && target.isEmpty()) {
            method.close();
            throw new AdaptsegException(config.origin() + ": method " + method.name()
                    + " trains on target images: set data-dir-target");
        }
        return method;
    }

    /** Runs the loop on {@code method} (from {@link #createMethod}) up to {@code num-steps-stop}. */
    public TrainingState train(AdaptationMethod method, Optional<Path> checkpoint, PrintStream log, PrintStream progress,
            boolean interactive) throws AdaptsegException, IOException {
        long seed = config.integer("random-seed");
        Path snapshotDir = Path.of(config.string("snapshot-dir"));
        Segmenter segmenter = method.segmenter();
        TrainingState start = checkpoint.isPresent()
                ? Resume.restore(checkpoint.get(), method, snapshotDir)
                : new TrainingState(0, Map.of(), Double.NaN, -1);
        if (checkpoint.isPresent()) {
            log.println("resumed from " + checkpoint.get() + " at iteration " + start.iteration());
        }
        long stop = config.integer("num-steps-stop");
        if (start.iteration() >= stop) {
            log.println("nothing to do: the checkpoint is at iteration " + start.iteration() + " and num-steps-stop is " + stop);
            return start;
        }
        int[] sizeTarget = config.size("input-size-target");
        try (BatchStream<Sample> sourceStream = sourceStream(segmenter, start.streamPositions().getOrDefault("source", 0L));
                BatchStream<Sample> targetStream = method.usesTarget()
                        ? targetStream(segmenter, start.streamPositions().getOrDefault("target", 0L)) : null) {
            SegmentationValidation<Sample> scoring = validation.map(v -> new SegmentationValidation<>(v.samples(),
                    v.decoder(labelSet), sizeTarget[0], sizeTarget[1], segmenter.normalization(), protocol)).orElse(null);
            long numSteps = config.integer("num-steps");
            double power = config.number("power");
            // CLAN's preheat warms the discriminators' rate up with the segmenter's
            long warmup = config.integer("warmup-steps");
            TrainingLoop.Settings settings = new TrainingLoop.Settings(numSteps, stop,
                    (int) config.integer("log-every"), (int) config.integer("save-pred-every"),
                    (int) config.integer("val-every"),
                    new LearningRateSchedule(config.number("learning-rate"), numSteps, power, warmup),
                    new LearningRateSchedule(config.number("learning-rate-D"), numSteps, power, warmup),
                    config.toYaml(), snapshotDir, seed);
            return new TrainingLoop(settings, method, sourceStream, targetStream, scoring, log, progress, interactive).run(start);
        }
    }

    /**
     * CAG's category anchors of the model in {@code weights} (a checkpoint or a {@code G.npz}) over
     * one pass of the source set as training reads it ({@code input-size}, the configured
     * augmentation, {@code batch-size}), with {@code anchor-min-pixels} and the reference cap.
     */
    public CategoryAnchors computeAnchors(Path weights, PrintStream log) throws AdaptsegException {
        int minPixels = (int) config.integer("anchor-min-pixels");
        if (minPixels < 1) {
            throw new AdaptsegException(config.origin() + ": anchor-min-pixels must be a positive integer, found " + minPixels);
        }
        try (NDManager root = NDManager.newBaseManager()) {
            Segmenter segmenter = SegmenterRegistry.create(config.string("model"), labelSet.size());
            segmenter.initialize(root);
            AnchorComputation computation;
            try {
                computation = new AnchorComputation(segmenter, minPixels, CategoryAnchors.REFERENCE_CAP, root);
            } catch (IllegalArgumentException e) {
                throw new AdaptsegException(config.origin() + ": model: " + e.getMessage(), e);
            }
            Path file = WeightSource.resolve(weights);
            log.println("anchors from " + file + ": " + WeightFiles.load(segmenter, file, NameMap.OURS).summary());
            int batch = (int) config.integer("batch-size");
            // one epoch: the stream's first size() positions are one permutation of the source set
            int batches = Math.max(1, source.samples().size() / batch);
            long centroids = 0;
            try (BatchStream<Sample> stream = sourceStream(segmenter, 0)) {
                for (int b = 0; b < batches; b++) {
                    try (NDManager step = root.newSubManager()) {
                        centroids += computation.add(stream.next(step));
                    }
                }
            }
            CategoryAnchors anchors = computation.anchors();
            int present = 0;
            for (boolean p : anchors.present()) {
                present += p ? 1 : 0;
            }
            log.printf(Locale.ROOT, "anchors: %d of %d classes from %d centroids over %d source images%n", present,
                    anchors.numClasses(), centroids, batches * batch);
            return anchors;
        }
    }

    /** The method scored on the validation set, if the config has one ({@code val-every > 0}). */
    public Optional<ValidationResult> validate(AdaptationMethod method) throws AdaptsegException {
        if (validation.isEmpty()) {
            return Optional.empty();
        }
        int[] sizeTarget = config.size("input-size-target");
        TrainingData v = validation.get();
        return Optional.of(new SegmentationValidation<>(v.samples(), v.decoder(labelSet), sizeTarget[0], sizeTarget[1],
                method.segmenter().normalization(), protocol).run(method));
    }

    /** The config this run was prepared from. */
    public TrainConfig config() {
        return config;
    }

    /** The labelled source stream at {@code position}, augmented as configured. */
    public BatchStream<Sample> sourceStream(Segmenter segmenter, long position) throws AdaptsegException {
        int[] size = config.size("input-size");
        return new BatchStream<>("source", source.samples(), source.decoder(labelSet), augmentation(size),
                segmenter.normalization(), (int) config.integer("batch-size"), true, config.integer("random-seed"),
                (int) config.integer("num-workers"), (int) config.integer("prefetch"), position);
    }

    /** The unlabelled target stream at {@code position}, augmented as configured. */
    public BatchStream<Sample> targetStream(Segmenter segmenter, long position) throws AdaptsegException {
        int[] size = config.size("input-size-target");
        TrainingData t = target.orElseThrow(() -> new IllegalStateException("no target data configured"));
        return new BatchStream<>("target", t.samples(), t.decoder(labelSet), augmentation(size),
                segmenter.normalization(), (int) config.integer("batch-size"), false, config.integer("random-seed") + 1,
                (int) config.integer("num-workers"), (int) config.integer("prefetch"), position);
    }

    private Augmentation augmentation(int[] size) throws AdaptsegException {
        boolean scale = config.flag("random-scale");
        return new Augmentation(size[0], size[1], config.flag("random-mirror"), scale ? config.number("scale-min") : 1.0,
                scale ? config.number("scale-max") : 1.0, config.flag("gaussian-blur"));
    }

    private void restoreWeights(Segmenter segmenter, PrintStream log) throws AdaptsegException {
        Optional<Path> from = config.path("restore-from");
        if (from.isEmpty()) {
            return;
        }
        if (!java.nio.file.Files.exists(from.get())) {
            throw new AdaptsegException(PublishedWeights.missingMessage(config.origin(), from.get()));
        }
        String names = config.string("restore-names");
        Optional<NameMap> map = names.equals("auto") ? Optional.empty() : Optional.of(NameMap.parse(names));
        WeightImportReport report = WeightFiles.load(segmenter, WeightSource.resolve(from.get()), map);
        log.println("restore-from " + from.get() + ": " + report.summary());
        log.println("restore-from " + from.get() + ": " + report.choicesLine());
    }
}
