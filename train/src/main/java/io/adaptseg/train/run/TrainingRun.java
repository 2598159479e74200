package io.adaptseg.train.run;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.AugmentationSettings;
import io.adaptseg.train.config.DataSettings;
import io.adaptseg.train.config.DivergenceSettings;
import io.adaptseg.train.config.OnDivergence;
import io.adaptseg.train.config.ScheduleSettings;
import io.adaptseg.train.config.Size;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.config.ValidationSettings;
import io.adaptseg.train.data.Augmentation;
import io.adaptseg.train.data.RandomSized;
import io.adaptseg.train.data.ScaleMode;
import io.adaptseg.train.data.BatchStream;
import io.adaptseg.train.data.DomainMixture;
import io.adaptseg.train.data.StreamDomain;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.train.data.TrainingData;
import io.adaptseg.train.device.DeviceAvailability;
import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.numerics.DeviceNumerics;
import io.adaptseg.train.eval.SegmentationValidation;
import io.adaptseg.train.loop.DivergencePolicy;
import io.adaptseg.train.loop.Resume;
import io.adaptseg.train.loop.TrainingLoop;
import io.adaptseg.train.loop.ValidationResult;
import io.adaptseg.train.method.AdaptationMethod;
import io.adaptseg.train.method.AnchorComputation;
import io.adaptseg.train.method.CategoryAnchors;
import io.adaptseg.train.method.MethodFactory;
import io.adaptseg.train.method.MethodRegistry;
import io.adaptseg.train.method.WeightSource;
import io.adaptseg.train.model.Initializers;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One training run described by a {@link TrainConfig}: every input is checked (keys, values, data
 * folders, method and architecture names) before the networks are built, then the loop runs from
 * iteration 0 or from a checkpoint. Validation, when {@code val-every > 0}, scores the target's
 * {@code val-split} with the protocol of {@code val-protocol} (default: the label set's). With
 * {@code data-dir-source2} the source stream mixes both labelled domains by {@code source-weights}.
 */
public final class TrainingRun {
    private final TrainConfig config;
    private final LabelSet labelSet;
    private final Protocol protocol;
    private final MethodFactory methodFactory;
    private final TrainingData source;
    /** The second labelled source domain ({@code data-dir-source2}), if any. */
    private final Optional<TrainingData> source2;
    private final Optional<TrainingData> target;
    private final Optional<TrainingData> validation;

    private TrainingRun(TrainConfig config) throws AdaptsegException {
        // a GPU that is not there fails here, before any data folder is listed or read
        DeviceAvailability.require(config.run().device(), config.origin() + ": device");
        this.config = config;
        this.labelSet = config.run().labelSet();
        this.protocol = protocol(config, labelSet);
        this.methodFactory = MethodRegistry.factory(config);
        SegmenterRegistry.family(config.run().model()); // an unknown architecture fails here, before any data is read
        DataSettings data = config.data();
        this.source = TrainingData.open(data.sourceDataset(), data.dataDir(), "train", data.dataList(), true, "data-dir");
        this.source2 = data.dataDirSource2().isPresent()
                ? Optional.of(TrainingData.open(data.source2Kind(), data.dataDirSource2().get(), "train", data.dataListSource2(),
                        true, "data-dir-source2"))
                : Optional.empty();
        Optional<Path> targetDir = data.dataDirTarget();
        this.target = targetDir.isPresent()
                ? Optional.of(TrainingData.open(data.targetDataset(), targetDir.get(), data.targetSplit(),
                        data.dataListTarget(), false, "data-dir-target"))
                : Optional.empty();
        ValidationSettings val = config.validation();
        if (val.every() > 0) {
            Optional<Path> valDir = val.dataDir().or(() -> targetDir);
            if (valDir.isEmpty()) {
                throw new AdaptsegException(config.origin() + ": val-every > 0 needs val-data-dir or data-dir-target");
            }
            this.validation = Optional.of(TrainingData.open(data.targetDataset(), valDir.get(), val.split(), val.list(), true,
                    val.dataDir().isPresent() ? "val-data-dir" : "data-dir-target").limit(val.maxImages()));
        } else {
            this.validation = Optional.empty();
        }
    }

    /**
     * Checks the whole config against the registries and the data folders (the device first); reads no
     * pixels.
     */
    public static TrainingRun prepare(TrainConfig config) throws AdaptsegException {
        return new TrainingRun(config);
    }

    private static Protocol protocol(TrainConfig config, LabelSet labelSet) throws AdaptsegException {
        Protocol p = config.validation().protocol().orElse(switch (labelSet) {
            case CITYSCAPES19 -> Protocol.CITYSCAPES19;
            case SYNTHIA16 -> Protocol.SYNTHIA16;
            case SYNTHIA13 -> Protocol.SYNTHIA13;
        });
        if (p.matrixSet() != labelSet) {
            throw new AdaptsegException(config.origin() + ": val-protocol " + p.id() + " scores " + p.matrixSet().id()
                    + " outputs, but label-set is " + labelSet.id());
        }
        return p;
    }

    /** Number of source, target and validation samples found (and the sources' sampling shares). */
    public String describeData() {
        String sources;
        if (source2.isPresent()) {
            double[] w = config.data().weights();
            double sum = w[0] + w[1];
            sources = String.format(Locale.ROOT, "source %s: %d images, drawn %.0f%%; source2 %s: %d images, drawn %.0f%%",
                    source.description(), source.samples().size(), 100 * w[0] / sum, source2.get().description(),
                    source2.get().samples().size(), 100 * w[1] / sum);
        } else {
            sources = String.format(Locale.ROOT, "source %s: %d images", source.description(), source.samples().size());
        }
        return String.format(Locale.ROOT, "%s; target %s: %d images; validation: %d images", sources,
                target.map(TrainingData::description).orElse("-"), target.map(t -> t.samples().size()).orElse(0),
                validation.map(v -> v.samples().size()).orElse(0));
    }

    /**
     * Trains from scratch (or {@code restore-from} weights) or, with {@code resumeFrom}, from a
     * checkpoint directory ({@code iter_<n>} or a snapshot directory, whose newest checkpoint is used).
     */
    public TrainingState run(Optional<Path> resumeFrom, PrintStream log, PrintStream progress, boolean interactive)
            throws AdaptsegException, IOException {
        Optional<Path> checkpoint = Resume.checkpoint(resumeFrom);
        try (NDManager root = newRootManager(); AdaptationMethod method = createMethod(root, checkpoint.isEmpty(), log)) {
            return train(method, checkpoint, log, progress, interactive);
        }
    }

    /**
     * A memory scope on the run's {@code device}: the networks, optimiser state and batches of
     * {@link #createMethod} and the loop live there. Before it is returned, a GPU's convolutions and batch
     * norms are checked against the Java reference ({@link DeviceNumerics}, cached per device).
     *
     * @throws AdaptsegException when the GPU's numerics check fails
     */
    public NDManager newRootManager() throws AdaptsegException {
        TrainingDevice device = config.run().device();
        DeviceNumerics.require(device.djl(), config.origin() + ": device " + device);
        return NDManager.newBaseManager(device.djl(), "PyTorch");
    }

    /**
     * The segmenter (seeded initialisation, then {@code restore-from} weights when {@code restore} is
     * set) and the configured method around it, their parameters owned by {@code root}.
     */
    public AdaptationMethod createMethod(NDManager root, boolean restore, PrintStream log) throws AdaptsegException {
        Initializers.seedEngine(config.run().randomSeed());
        Segmenter segmenter = newSegmenter(root);
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

    /** The config's segmenter with its options, initialised in {@code root} from the engine's generator as it stands. */
    private Segmenter newSegmenter(NDManager root) throws AdaptsegException {
        String model = config.run().model();
        return SegmenterRegistry.initialized(model, labelSet.size(),
                config.network().segmenterOptions(SegmenterRegistry.family(model)), root);
    }

    /** Runs the loop on {@code method} (from {@link #createMethod}) up to {@code num-steps-stop}. */
    public TrainingState train(AdaptationMethod method, Optional<Path> checkpoint, PrintStream log, PrintStream progress,
            boolean interactive) throws AdaptsegException, IOException {
        ScheduleSettings schedule = config.schedule();
        Path snapshotDir = schedule.snapshotDir();
        Segmenter segmenter = method.segmenter();
        TrainingState start = Resume.start(checkpoint, method, snapshotDir, log);
        long stop = schedule.numStepsStop();
        if (Resume.finished(start, stop, "num-steps-stop", log)) {
            return start;
        }
        Size sizeVal = validationSize();
        try (BatchStream<Sample> sourceStream = sourceStream(segmenter, start.streamPositions().getOrDefault("source", 0L));
                BatchStream<Sample> targetStream = method.usesTarget()
                        ? targetStream(segmenter, start.streamPositions().getOrDefault("target", 0L)) : null) {
            SegmentationValidation<Sample> scoring = validation.map(v -> new SegmentationValidation<>(v.samples(),
                    v.decoder(labelSet), sizeVal.width(), sizeVal.height(), segmenter.normalization(), protocol,
                    config.data().imageResize())).orElse(null);
            long numSteps = schedule.numSteps();
            // CLAN's preheat warms the discriminators' rate up with the segmenter's
            TrainingLoop.Settings settings = new TrainingLoop.Settings(numSteps, stop, schedule.logEvery(),
                    schedule.savePredEvery(), config.validation().every(),
                    new LearningRateSchedule(schedule.learningRate(), numSteps, schedule.power(), schedule.warmupSteps()),
                    new LearningRateSchedule(schedule.learningRateD(), numSteps, schedule.power(), schedule.warmupSteps()),
                    config.toYaml(), snapshotDir, config.run().randomSeed(), divergencePolicy());
            return new TrainingLoop(settings, method, sourceStream, targetStream, scoring, log, progress, interactive).run(start);
        }
    }

    /**
     * CAG's category anchors of the model in {@code weights} (a checkpoint or a {@code G.npz}), with
     * {@code anchor-min-pixels} and the reference cap, over one pass of the source set in batches of
     * {@code batch-size}: with {@code anchor-size}, every image resized to that size without augmentation
     * (CAG's {@code cac.py} with {@code configs/CAC_from_gta_to_city.yml}: GTA5 at 1914×1052, its
     * augmentations commented out); without it, as training reads it ({@code input-size}, the configured
     * augmentation).
     */
    public CategoryAnchors computeAnchors(Path weights, PrintStream log) throws AdaptsegException {
        int minPixels = config.cag().anchorMinPixels();
        try (NDManager root = newRootManager()) {
            Segmenter segmenter = newSegmenter(root);
            AnchorComputation computation;
            try {
                computation = new AnchorComputation(segmenter, minPixels, CategoryAnchors.REFERENCE_CAP, root);
            } catch (IllegalArgumentException e) {
                throw new AdaptsegException(config.origin() + ": model: " + e.getMessage(), e);
            }
            Path file = WeightSource.resolve(weights);
            log.println("anchors from " + file + ": " + WeightFiles.load(segmenter, file, NameMap.OURS).summary());
            Optional<Size> anchorSize = config.cag().anchorSize();
            int batch = config.data().batchSize();
            long centroids = 0;
            int batches;
            try (BatchStream<Sample> stream = anchorSize.isPresent() ? anchorStream(segmenter, anchorSize.get())
                    : sourceStream(segmenter, 0)) {
                // one epoch: with one source, the stream's first size() positions are one permutation of it;
                // with several, as many draws from the mixture as all source domains hold
                batches = Math.max(1, stream.size() / batch);
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
            log.printf(Locale.ROOT, "anchors: %d of %d classes from %d centroids over %d source images %s%n", present,
                    anchors.numClasses(), centroids, batches * batch, anchorSize.map(s -> "at " + s.width() + "x"
                            + s.height() + " without augmentation").orElse("as training reads them"));
            return anchors;
        }
    }

    /** The method scored on the validation set, if the config has one ({@code val-every > 0}). */
    public Optional<ValidationResult> validate(AdaptationMethod method) throws AdaptsegException {
        if (validation.isEmpty()) {
            return Optional.empty();
        }
        Size size = validationSize();
        TrainingData v = validation.get();
        return Optional.of(new SegmentationValidation<>(v.samples(), v.decoder(labelSet), size.width(), size.height(),
                method.segmenter().normalization(), protocol, config.data().imageResize()).run(method));
    }

    /** {@code val-input-size}, or the target's input size. */
    private Size validationSize() {
        return config.validation().inputSize().orElse(config.data().inputSizeTarget());
    }

    /** The config this run was prepared from. */
    public TrainConfig config() {
        return config;
    }

    /**
     * The labelled source stream at {@code position}, augmented as configured: the source, or every
     * source domain mixed per sample by {@code source-weights}.
     */
    public BatchStream<Sample> sourceStream(Segmenter segmenter, long position) throws AdaptsegException {
        DataSettings data = config.data();
        return new BatchStream<>("source", sourceDomains(), new DomainMixture(data.weights()),
                augmentation(data.inputSize(), config.augmentation().baseSize()), segmenter.normalization(),
                data.batchSize(), true, config.run().randomSeed(), data.numWorkers(), data.prefetch(), position);
    }

    /**
     * Every source domain at {@code size} without augmentation, in batches of {@code batch-size}: CAG's
     * anchor pass (with one source, the source set as the reference reads it).
     */
    private BatchStream<Sample> anchorStream(Segmenter segmenter, Size size) throws AdaptsegException {
        DataSettings data = config.data();
        return new BatchStream<>("source", sourceDomains(), new DomainMixture(data.weights()),
                Augmentation.resize(size.width(), size.height()).withResize(data.imageResize()), segmenter.normalization(),
                data.batchSize(), true, config.run().randomSeed(), data.numWorkers(), data.prefetch(), 0);
    }

    private List<StreamDomain<Sample>> sourceDomains() {
        List<StreamDomain<Sample>> domains = new ArrayList<>();
        domains.add(new StreamDomain<>("source", source.samples(), source.decoder(labelSet)));
        source2.ifPresent(s2 -> domains.add(new StreamDomain<>("source2", s2.samples(), s2.decoder(labelSet))));
        return domains;
    }

    /** The unlabelled target stream at {@code position}, augmented as configured. */
    public BatchStream<Sample> targetStream(Segmenter segmenter, long position) throws AdaptsegException {
        DataSettings data = config.data();
        TrainingData t = target.orElseThrow(() -> new IllegalStateException("no target data configured"));
        return new BatchStream<>("target", t.samples(), t.decoder(labelSet),
                augmentation(data.inputSizeTarget(), config.augmentation().baseSizeTarget()), segmenter.normalization(),
                data.batchSize(), false, config.run().randomSeed() + 1, data.numWorkers(), data.prefetch(), position);
    }

    /** The augmentation of a domain whose crops are {@code size} and whose CAG base size is {@code base}. */
    private Augmentation augmentation(Size size, Optional<Size> base) {
        AugmentationSettings a = config.augmentation();
        boolean scale = a.randomScale();
        Augmentation augmentation;
        if (scale && a.scaleMode() == ScaleMode.CLAN) {
            augmentation = Augmentation.clanScale(size.width(), size.height(), a.randomMirror(), a.gaussianBlur());
        } else if (scale && a.scaleMode() == ScaleMode.CAG) {
            // AugmentationSettings requires both base sizes in this mode
            Size b = base.orElseThrow();
            augmentation = Augmentation.cagCrop(size.width(), size.height(), a.randomMirror(), a.gaussianBlur(),
                    new RandomSized(b.width(), b.height(), a.randomSizeWidth()));
        } else {
            augmentation = new Augmentation(size.width(), size.height(), a.randomMirror(), scale ? a.scaleMin() : 1.0,
                    scale ? a.scaleMax() : 1.0, a.gaussianBlur());
        }
        return augmentation.withResize(config.data().imageResize());
    }

    /** The loop's divergence check of {@code on-divergence}, {@code divergence-window}, {@code divergence-factor}. */
    private DivergencePolicy divergencePolicy() {
        DivergenceSettings d = config.divergence();
        return new DivergencePolicy(d.window(), d.factor(), d.action() == OnDivergence.STOP);
    }

    private void restoreWeights(Segmenter segmenter, PrintStream log) throws AdaptsegException {
        Optional<Path> from = config.run().restoreFrom();
        if (from.isEmpty()) {
            return;
        }
        if (!java.nio.file.Files.exists(from.get())) {
            throw new AdaptsegException(PublishedWeights.missingMessage(config.origin(), from.get()));
        }
        String names = config.run().restoreNames();
        Optional<NameMap> map = names.equals("auto") ? Optional.empty() : Optional.of(NameMap.parse(names));
        WeightImportReport report = WeightFiles.load(segmenter, WeightSource.resolve(from.get()), map);
        log.println("restore-from " + from.get() + ": " + report.summary());
        log.println("restore-from " + from.get() + ": " + report.choicesLine());
    }
}
