package io.adaptseg.train.translation;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.adaptseg.train.config.RunKind;
import io.adaptseg.train.data.Batch;
import io.adaptseg.train.loss.PixelCrossEntropy;
import io.adaptseg.train.method.Iteration;
import io.adaptseg.train.method.TrainableMethod;
import io.adaptseg.train.model.ParameterNames;
import io.adaptseg.train.model.blocks.BilinearUpsample;
import io.adaptseg.train.optim.Adam;
import io.adaptseg.train.optim.NamedParameter;
import io.adaptseg.train.optim.ParameterGroup;
import io.adaptseg.train.optim.ParameterOptimizer;
import io.adaptseg.train.translator.ConvStack;
import io.adaptseg.train.translator.Layer;
import io.adaptseg.train.translator.Translator;
import io.adaptseg.train.translator.VggEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * {@code method: vgg-pretrain}: trains the translator's VGG-19 encoder (to relu4_1, the
 * {@link VggEncoder} layout and names) from random weights as a segmenter on the labelled source:
 * relu4_1, a 1×1 convolution to the classes ({@code classifier}), bilinear (half-pixel) upsampling to
 * the label size and pixel cross-entropy. Both networks learn with Adam (PyTorch's defaults).
 *
 * <p>Why: AdaIN needs an encoder whose features carry the image's structure. The reference uses
 * ImageNet VGG-19 weights ({@code vgg_normalised.pth}); where no such file is at hand (this project
 * downloads nothing), a random encoder gives translated images that are blurred colour fields without
 * the content's edges (its content loss is tiny from the start). An encoder trained to tell the source's
 * classes apart responds to the structure the labels describe, which a label-preserving translation must
 * keep; measured, the layout survives but the colours match neither domain (docs/style-transfer.md,
 * "Measured"). Its checkpoint is a {@code vgg:} for {@code method: adain}.
 */
public final class VggPretraining implements TrainableMethod {
    /** The config's method name. */
    public static final String NAME = RunKind.ENCODER_PRETRAINING.method();
    /** Checkpoint name of the 1×1 classifier on relu4_1. */
    public static final String CLASSIFIER = "classifier";
    /** The classifier convolution's name (its parameters are {@code logits.weight}, {@code logits.bias}). */
    static final String LOGITS = "logits";
    private static final List<String> LOSSES = List.of("loss_seg");

    private final ConvStack encoder;
    private final ConvStack classifier;
    private final NDManager manager;
    private final ParameterStore store;
    private final Adam optimizer;

    /** A random VGG-19 encoder (He initialisation) and classifier for {@code classes} classes, owned by {@code parent}. */
    public VggPretraining(int classes, NDManager parent) {
        this.manager = parent.newSubManager();
        this.encoder = VggEncoder.create();
        this.classifier = new ConvStack(List.of(new Layer.Conv(LOGITS, VggEncoder.FEATURES, classes, 1),
                new Layer.Tap(LOGITS)), ConvStack.Init.TORCH_DEFAULT);
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
        classifier.initialize(manager, DataType.FLOAT32, new Shape(1, VggEncoder.FEATURES, 2, 2));
        this.store = new ParameterStore(manager, false);
        List<NamedParameter> e = new ArrayList<>();
        ParameterNames.of(encoder).forEach((name, p) -> e.add(new NamedParameter(name, p)));
        List<NamedParameter> c = new ArrayList<>();
        ParameterNames.of(classifier).forEach((name, p) -> c.add(new NamedParameter(name, p)));
        this.optimizer = new Adam(List.of(new ParameterGroup(Translator.ENCODER, e, 1.0),
                new ParameterGroup(CLASSIFIER, c, 1.0)), 0.9, 0.999, 1e-8, 0.0, manager);
    }

    public ConvStack encoder() {
        return encoder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean usesTarget() {
        return false;
    }

    @Override
    public List<String> lossNames() {
        return LOSSES;
    }

    @Override
    public List<String> sourceLossNames() {
        return LOSSES;
    }

    /** The class logits at the input's size (N, classes, H, W) of images in [0, 1]. */
    public NDArray logits(NDArray images, boolean training) {
        NDArray relu41 = encoder.forward(store, new NDList(images), training).get(3);
        NDArray small = classifier.forward(store, new NDList(relu41), training).singletonOrThrow();
        return BilinearUpsample.halfPixel(small, images.getShape().get(2), images.getShape().get(3));
    }

    @Override
    public SequencedMap<String, Double> step(Iteration iteration, Batch source, Batch target) {
        NDArray labels = source.labels().orElseThrow(() -> new IllegalArgumentException(
                "vgg-pretrain trains on labelled source images: the batch has no labels"));
        SequencedMap<String, Double> out = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            optimizer.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = logits(source.images(), true);
                if (logits.getShape().get(2) != labels.getShape().get(1) || logits.getShape().get(3) != labels.getShape().get(2)) {
                    logits = BilinearUpsample.halfPixel(logits, labels.getShape().get(1), labels.getShape().get(2));
                }
                NDArray loss = PixelCrossEntropy.compute(logits, labels);
                gc.backward(loss);
                out.put(LOSSES.getFirst(), (double) loss.getFloat());
            }
            optimizer.step(iteration.lrSegmenter());
        }
        return out;
    }

    /** The encoder under the translator's checkpoint name (so {@code vgg:} reads it), and the classifier. */
    @Override
    public Map<String, Block> networks() {
        Map<String, Block> m = new LinkedHashMap<>();
        m.put(Translator.ENCODER, encoder);
        m.put(CLASSIFIER, classifier);
        return m;
    }

    @Override
    public Map<String, ParameterOptimizer> optimizers() {
        return Map.of(Translator.ENCODER, optimizer);
    }

    @Override
    public Device device() {
        return manager.getDevice();
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
