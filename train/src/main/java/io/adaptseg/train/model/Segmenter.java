package io.adaptseg.train.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.train.model.blocks.BilinearUpsample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A segmentation network and everything the training loop, the exporter and CAG need to know about it.
 * See the package documentation for the full contract.
 *
 * @param architecture registry name, e.g. {@code deeplabv2-r101-multi}
 * @param family network family (gives the input {@link #normalization()})
 * @param block the DJL block: input {@code [image N×3×H×W]}, output one array per name in {@link #outputs()}
 * @param numClasses channels of every logits output
 * @param heads logits outputs, in output order ({@code aux, main} / {@code main} / {@code c1, c2})
 * @param headModules for each head, the name prefix of its classifier's parameters ({@code layer6})
 * @param evaluationHeads heads whose logits are summed for evaluation and export ({@code main}, or {@code c1, c2})
 * @param outputs all outputs in order: the heads, then {@code features} for DeepLab-v3+
 * @param outputStride input size / logits size (8 for DeepLab-v2, 4 for DeepLab-v3+)
 * @param classifierModules parameter-name prefixes trained at 10× learning rate
 * @param frozenParameters names of learnable parameters that take no gradient (frozen BN affine)
 * @param options the construction options (also the logits upsampling every method and validation use)
 */
public record Segmenter(String architecture, Family family, Block block, int numClasses, List<String> heads,
        List<String> headModules, List<String> evaluationHeads, List<String> outputs, int outputStride,
        List<String> classifierModules, Set<String> frozenParameters, SegmenterOptions options) {
    /** Name of the penultimate-feature output of DeepLab-v3+. */
    public static final String FEATURES = "features";
    /** Spatial size used to initialise parameters (only channel counts matter). */
    private static final Shape INIT_SHAPE = new Shape(1, 3, 64, 64);

    public Segmenter {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive, found " + numClasses);
        }
        if (heads.isEmpty() || heads.size() != headModules.size() || !outputs.containsAll(heads)
                || !heads.containsAll(evaluationHeads) || evaluationHeads.isEmpty()) {
            throw new IllegalArgumentException("inconsistent outputs of " + architecture + ": heads " + heads
                    + ", modules " + headModules + ", evaluation " + evaluationHeads + ", outputs " + outputs);
        }
        heads = List.copyOf(heads);
        headModules = List.copyOf(headModules);
        evaluationHeads = List.copyOf(evaluationHeads);
        outputs = List.copyOf(outputs);
        classifierModules = List.copyOf(classifierModules);
        frozenParameters = Set.copyOf(frozenParameters);
        if (options == null) {
            throw new IllegalArgumentException("options of " + architecture + " must be given");
        }
    }

    /** The input normalisation of the family (trainer's loaders, exporter metadata, runtime). */
    public Normalization normalization() {
        return family.normalization();
    }

    /** Allocates and initialises all parameters in {@code manager} (which then owns them). */
    public void initialize(NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, INIT_SHAPE);
    }

    /**
     * The device the parameters live on (the manager of {@link #initialize}); inputs must be created
     * there, or DJL's parameter store copies every parameter to the input's device on each forward.
     *
     * @throws IllegalStateException before {@link #initialize}
     */
    public Device device() {
        for (Parameter p : parameters().values()) {
            if (p.isInitialized()) {
                return p.getArray().getDevice();
            }
        }
        throw new IllegalStateException(architecture + ": the parameters are not initialised yet");
    }

    /** Runs the network; the result holds one array per {@link #outputs()} entry, named by it. */
    public NDList forward(ParameterStore ps, NDArray image, boolean training) {
        return block.forward(ps, new NDList(image), training);
    }

    /** Output shapes by name for an input shape, computed from shapes alone. */
    public Map<String, Shape> outputShapes(Shape input) {
        Shape[] shapes = block.getOutputShapes(new Shape[] {input});
        Map<String, Shape> out = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            out.put(outputs.get(i), shapes[i]);
        }
        return out;
    }

    /**
     * Logits (or any N×C×h×w map, such as CLAN's discriminator output) upsampled bilinearly to
     * (height, width) with this model's {@link SegmenterOptions#logitsUpsampling() convention}: the one
     * place the methods and validation bring predictions to the label or input size.
     */
    public NDArray upsample(NDArray logits, long height, long width) {
        return BilinearUpsample.resize(logits, height, width, options.logitsUpsampling());
    }

    /** The logits of one head, by name. */
    public NDArray logits(NDList outputsOfForward, String head) {
        if (!heads.contains(head)) {
            throw new IllegalArgumentException("unknown head '" + head + "' of " + architecture + ", expected one of "
                    + heads);
        }
        return output(outputsOfForward, head);
    }

    /** The logits used for evaluation and export: {@code main}, or the sum of CLAN's {@code c1 + c2}. */
    public NDArray evaluationLogits(NDList outputsOfForward) {
        return summedLogits(outputsOfForward, evaluationHeads);
    }

    /**
     * The sum of the logits of {@code heads}, added in their order: what evaluation, the exporter's head
     * selection, parity and the PyTorch comparison all read.
     */
    public NDArray summedLogits(NDList outputsOfForward, List<String> heads) {
        NDArray sum = logits(outputsOfForward, heads.getFirst());
        for (int i = 1; i < heads.size(); i++) {
            sum = sum.add(logits(outputsOfForward, heads.get(i)));
        }
        return sum;
    }

    /** The 256-d penultimate features (DeepLab-v3+), at the logits' resolution. */
    public Optional<NDArray> features(NDList outputsOfForward) {
        return outputs.contains(FEATURES) ? Optional.of(output(outputsOfForward, FEATURES)) : Optional.empty();
    }

    private NDArray output(NDList list, String name) {
        if (list.size() != outputs.size()) {
            throw new IllegalArgumentException("expected the " + outputs.size() + " outputs " + outputs + " of "
                    + architecture + ", found " + list.size());
        }
        return list.get(outputs.indexOf(name));
    }

    /** Every parameter by our name (running statistics included), in block order. */
    public Map<String, Parameter> parameters() {
        return ParameterNames.of(block);
    }

    /** True for parameters of a classifier module (the 10× learning-rate group). */
    public boolean isClassifier(String parameterName) {
        return classifierModules.stream().anyMatch(m -> parameterName.startsWith(m + "."));
    }

    /**
     * {@link #isClassifier} keyed by DJL's own parameter names (the keys of {@code block().getParameters()},
     * like {@code 09layer5_01conv2d_list.0_weight}), for code that walks DJL's parameter list.
     */
    public Predicate<String> isClassifierByDjlName() {
        Set<Parameter> classifier = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        parameters().forEach((name, p) -> {
            if (isClassifier(name)) {
                classifier.add(p);
            }
        });
        Set<String> djlNames = new java.util.HashSet<>();
        for (var pair : block.getParameters()) {
            if (classifier.contains(pair.getValue())) {
                djlNames.add(pair.getKey());
            }
        }
        return djlNames::contains;
    }

    /** True for learnable parameters kept fixed (frozen BN affine). */
    public boolean isFrozen(String parameterName) {
        return frozenParameters.contains(parameterName);
    }

    /** Parameters an optimiser updates: not frozen and not running statistics, by name. */
    public Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        parameters().forEach((name, p) -> {
            if (!ParameterNames.isRunningStatistic(p) && !isFrozen(name)) {
                out.put(name, p);
            }
        });
        return out;
    }

    /** Trainable classifier parameters (10× learning rate). */
    public List<Parameter> classifierParameters() {
        return select(true);
    }

    /** Trainable non-classifier parameters (base learning rate). */
    public List<Parameter> backboneParameters() {
        return select(false);
    }

    private List<Parameter> select(boolean classifier) {
        List<Parameter> out = new ArrayList<>();
        trainableParameters().forEach((name, p) -> {
            if (isClassifier(name) == classifier) {
                out.add(p);
            }
        });
        return out;
    }

    /** The parameters of one head's classifier (CLAN's weight discrepancy), by name. */
    public Map<String, Parameter> headParameters(String head) {
        int i = heads.indexOf(head);
        if (i < 0) {
            throw new IllegalArgumentException("unknown head '" + head + "' of " + architecture + ", expected one of "
                    + heads);
        }
        String prefix = headModules.get(i) + ".";
        Map<String, Parameter> out = new LinkedHashMap<>();
        parameters().forEach((name, p) -> {
            if (name.startsWith(prefix)) {
                out.put(name, p);
            }
        });
        return out;
    }

    /**
     * Freezes or unfreezes the whole network (GAN-style steps), keeping the frozen parameters frozen. Use
     * this rather than {@code block().freezeParameters(false)}, which would unfreeze the BN affine too.
     */
    public void setTrainable(boolean trainable) {
        parameters().forEach((name, p) -> {
            if (!ParameterNames.isRunningStatistic(p)) {
                p.freeze(!trainable || isFrozen(name));
            }
        });
    }

    /** Number of learnable values (BN affine included, running statistics not). Needs initialised parameters. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters().values()) {
            if (!p.isInitialized()) {
                throw new IllegalStateException("parameters of " + architecture + " are not initialised");
            }
            if (!ParameterNames.isRunningStatistic(p)) {
                n += p.getArray().getShape().size();
            }
        }
        return n;
    }
}
