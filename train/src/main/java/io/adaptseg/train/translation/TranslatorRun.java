package io.adaptseg.train.translation;

import ai.djl.ndarray.NDManager;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.config.AdainConfig;
import io.adaptseg.train.config.AugmentationSettings;
import io.adaptseg.train.config.DataSettings;
import io.adaptseg.train.config.DivergenceSettings;
import io.adaptseg.train.config.OnDivergence;
import io.adaptseg.train.config.RunKind;
import io.adaptseg.train.config.ScheduleSettings;
import io.adaptseg.train.config.Size;
import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.data.Augmentation;
import io.adaptseg.train.data.BatchStream;
import io.adaptseg.train.data.TrainingData;
import io.adaptseg.train.device.DeviceAvailability;
import io.adaptseg.train.device.TrainingDevice;
import io.adaptseg.train.numerics.DeviceNumerics;
import io.adaptseg.train.loop.DivergencePolicy;
import io.adaptseg.train.loop.Resume;
import io.adaptseg.train.loop.TrainingLoop;
import io.adaptseg.train.method.TrainableMethod;
import io.adaptseg.train.model.Initializers;
import io.adaptseg.train.optim.InverseTimeDecay;
import io.adaptseg.train.translator.AdainSettings;
import io.adaptseg.train.translator.Translator;
import io.adaptseg.train.translator.VggWeights;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A training run of the style translator's networks. {@code method: adain}: source images as content,
 * target images as style; {@code method: vgg-pretrain}: the encoder alone, as a segmenter of the labelled
 * source ({@link VggPretraining}). Images are read through the same layouts, streams and augmentation as
 * segmentation training (RGB in [0, 1], resized to {@code input-size} / {@code input-size-target},
 * optional mirror and random-scale crops); the loop, log lines, metrics, checkpoints
 * ({@code networks/encoder.npz}, and {@code networks/decoder.npz} or {@code networks/classifier.npz}) and
 * resume are the segmenters'. The schedule is {@code max-iter} iterations at {@code lr / (1 + lr-decay · it)}.
 */
public final class TranslatorRun {
    private final TrainConfig config;
    private final TrainingData content;
    /** The style images; empty for {@code vgg-pretrain}, which reads no target. */
    private final Optional<TrainingData> style;
    /** {@code method: vgg-pretrain}: the encoder alone, on labelled source images. */
    private final boolean pretraining;

    private TranslatorRun(TrainConfig config) throws AdaptsegException {
        // a GPU that is not there fails here, before any data folder is listed or read
        DeviceAvailability.require(config.run().device(), config.origin() + ": device");
        this.config = config;
        String method = config.run().method();
        if (!config.run().kind().trainsTranslator()) {
            throw new IllegalArgumentException("not a translator config: method " + method);
        }
        if (!config.run().model().equals(Translator.ARCHITECTURE)) {
            throw new AdaptsegException(config.origin() + ": method " + method + " trains the style translator's networks:"
                    + " model must be " + Translator.ARCHITECTURE + ", found '" + config.run().model() + "'");
        }
        DataSettings data = config.data();
        this.pretraining = config.run().kind() == RunKind.ENCODER_PRETRAINING;
        if (pretraining && config.adain().vgg().isPresent()) {
            throw new AdaptsegException(config.origin() + ": vgg: method vgg-pretrain trains the encoder from random weights;"
                    + " vgg belongs to the adain run that uses its checkpoint");
        }
        this.content = TrainingData.open(data.sourceDataset(), data.dataDir(), "train", data.dataList(), pretraining,
                "data-dir");
        if (pretraining) {
            this.style = Optional.empty();
            return;
        }
        Path styleDir = data.dataDirTarget().orElseThrow(() -> new AdaptsegException(config.origin()
                + ": method adain takes its style images from the target: set data-dir-target"));
        this.style = Optional.of(TrainingData.open(data.targetDataset(), styleDir, data.targetSplit(), data.dataListTarget(),
                false, "data-dir-target"));
        Optional<Path> vgg = config.adain().vgg();
        if (vgg.isPresent() && !Files.exists(vgg.get())) {
            throw new AdaptsegException(config.origin() + ": vgg: " + vgg.get() + " not found (a VGG-19 weight file or a"
                    + " vgg-pretrain checkpoint)");
        }
    }

    /** Checks the config and the data folders; reads no pixels. */
    public static TranslatorRun prepare(TrainConfig config) throws AdaptsegException {
        return new TranslatorRun(config);
    }

    /** Number of content and style images found. */
    public String describeData() {
        if (pretraining) {
            return String.format(Locale.ROOT, "labelled source %s: %d images", content.description(), content.samples().size());
        }
        return String.format(Locale.ROOT, "content (source) %s: %d images; style (target) %s: %d images",
                content.description(), content.samples().size(), style.get().description(), style.get().samples().size());
    }

    /**
     * Trains from iteration 0 (encoder weights from {@code vgg}) or, with {@code resumeFrom}, from a
     * checkpoint, up to {@code max-iter}.
     */
    public TrainingState run(Optional<Path> resumeFrom, PrintStream log, PrintStream progress, boolean interactive)
            throws AdaptsegException, IOException {
        Optional<Path> checkpoint = Resume.checkpoint(resumeFrom);
        try (NDManager root = newRootManager(); TrainableMethod method = pretraining
                ? createPretraining(root) : createMethod(root, checkpoint.isEmpty(), log)) {
            return train(method, checkpoint, log, progress, interactive);
        }
    }

    /**
     * A memory scope on the run's {@code device} for {@link #createMethod} or {@link #createPretraining},
     * after a GPU's numerics check ({@link DeviceNumerics}).
     */
    public NDManager newRootManager() throws AdaptsegException {
        TrainingDevice device = config.run().device();
        DeviceNumerics.require(device.djl(), config.origin() + ": device " + device);
        return NDManager.newBaseManager(device.djl(), "PyTorch");
    }

    /** The encoder pretraining of {@code method: vgg-pretrain} (seeded random initialisation). */
    public VggPretraining createPretraining(NDManager root) {
        if (!pretraining) {
            throw new IllegalStateException("an adain run trains a translator; use createMethod");
        }
        Initializers.seedEngine(config.run().randomSeed());
        return new VggPretraining(config.run().labelSet().size(), root);
    }

    /** The translator (seeded initialisation; the VGG weights when {@code loadVgg}) and its method. */
    public AdainMethod createMethod(NDManager root, boolean loadVgg, PrintStream log) throws AdaptsegException {
        if (pretraining) {
            throw new IllegalStateException("a vgg-pretrain run has no translator; use createPretraining");
        }
        Initializers.seedEngine(config.run().randomSeed());
        Translator translator = Translator.create(root);
        AdainConfig a = config.adain();
        if (loadVgg) {
            if (a.vgg().isPresent()) {
                log.println("vgg " + VggWeights.load(translator.encoder(), a.vgg().get()).summary());
            } else {
                log.println("WARNING: no vgg weights given (vgg: \"\"): the encoder is RANDOMLY initialised, so the"
                        + " translator learns only a transfer of colour statistics, not of texture or style, and loses the"
                        + " content's edges; set vgg to torchvision's vgg19, the AdaIN reference's vgg_normalised.pth, or a"
                        + " method: vgg-pretrain checkpoint (docs/style-transfer.md)");
            }
        }
        try {
            return new AdainMethod(translator, new AdainSettings(a.alpha(), a.styleWeight(), a.contentWeight()), root);
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(config.origin() + ": " + e.getMessage(), e);
        }
    }

    /** Runs the loop on {@code method} ({@link #createMethod} or {@link #createPretraining}) up to {@code max-iter}. */
    public TrainingState train(TrainableMethod method, Optional<Path> checkpoint, PrintStream log, PrintStream progress,
            boolean interactive) throws AdaptsegException, IOException {
        ScheduleSettings schedule = config.schedule();
        Path snapshotDir = schedule.snapshotDir();
        TrainingState start = Resume.start(checkpoint, method, snapshotDir, log);
        long maxIter = config.adain().maxIter();
        if (Resume.finished(start, maxIter, "max-iter", log)) {
            return start;
        }
        DataSettings data = config.data();
        try (BatchStream<Sample> contentStream = stream("source", content, data.inputSize(),
                        config.run().randomSeed(), start.streamPositions().getOrDefault("source", 0L));
                BatchStream<Sample> styleStream = style.isPresent() ? stream("target", style.get(), data.inputSizeTarget(),
                        config.run().randomSeed() + 1, start.streamPositions().getOrDefault("target", 0L)) : null) {
            InverseTimeDecay rate = new InverseTimeDecay(config.adain().lr(), config.adain().lrDecay());
            DivergenceSettings d = config.divergence();
            TrainingLoop.Settings settings = new TrainingLoop.Settings(maxIter, maxIter, schedule.logEvery(),
                    schedule.savePredEvery(), 0, rate, rate, config.toYaml(), snapshotDir, config.run().randomSeed(),
                    new DivergencePolicy(d.window(), d.factor(), d.action() == OnDivergence.STOP));
            return new TrainingLoop(settings, method, contentStream, styleStream, null, log, progress, interactive).run(start);
        }
    }

    private BatchStream<Sample> stream(String name, TrainingData data, Size size, long seed, long position)
            throws AdaptsegException {
        AugmentationSettings a = config.augmentation();
        boolean scale = a.randomScale();
        Augmentation augmentation = new Augmentation(size.width(), size.height(), a.randomMirror(),
                scale ? a.scaleMin() : 1.0, scale ? a.scaleMax() : 1.0, false);
        DataSettings d = config.data();
        // only the encoder pretraining reads labels (of the source); AdaIN uses pixels alone
        return new BatchStream<>(name, data.samples(), data.decoder(config.run().labelSet()), augmentation,
                Translator.NORMALIZATION, d.batchSize(), pretraining, seed, d.numWorkers(), d.prefetch(), position);
    }
}
