package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch normalisation over the channel axis of NCHW tensors with PyTorch's conventions: parameters
 * named {@code weight}, {@code bias}, {@code running_mean}, {@code running_var}; {@link #momentum()} is
 * PyTorch's (weight of the new batch statistic, 0.1). Used instead of DJL's {@code BatchNorm}, whose
 * epsilon and momentum cannot be read back, because the ONNX exporter needs both.
 *
 * <p>Training mode normalises with batch statistics and updates the running ones; inference mode uses
 * the running statistics. Freezing the affine parameters ({@code weight}, {@code bias}) is done by the
 * model factories through {@link Parameter#freeze(boolean)}; the running statistics never take gradients.
 */
public final class BatchNorm2d extends AbstractBlock {
    /** PyTorch's default epsilon, used by every network of the project. */
    public static final float DEFAULT_EPSILON = 1e-5f;
    /** PyTorch's default momentum. */
    public static final float DEFAULT_MOMENTUM = 0.1f;

    private final int channels;
    private final float epsilon;
    private final float momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /** A batch norm over {@code channels} channels with PyTorch's default epsilon and momentum. */
    public BatchNorm2d(int channels) {
        this(channels, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    public BatchNorm2d(int channels, float epsilon, float momentum) {
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive, found " + channels);
        }
        this.channels = channels;
        this.epsilon = epsilon;
        this.momentum = momentum;
        Shape shape = new Shape(channels);
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.GAMMA)
                .optShape(shape).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BETA)
                .optShape(shape).build());
        runningMean = addParameter(Parameter.builder().setName("running_mean")
                .setType(Parameter.Type.RUNNING_MEAN).optShape(shape).optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("running_var")
                .setType(Parameter.Type.RUNNING_VAR).optShape(shape).optRequiresGrad(false).build());
    }

    public int channels() {
        return channels;
    }

    public float epsilon() {
        return epsilon;
    }

    /** PyTorch convention: running = (1 - momentum) * running + momentum * batch. */
    public float momentum() {
        return momentum;
    }

    /** The affine scale (gamma). */
    public Parameter weight() {
        return weight;
    }

    /** The affine shift (beta). */
    public Parameter bias() {
        return bias;
    }

    public Parameter runningMean() {
        return runningMean;
    }

    public Parameter runningVar() {
        return runningVar;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        var x = inputs.singletonOrThrow();
        var device = x.getDevice();
        // DJL's momentum is the weight of the old running value: 1 - PyTorch's momentum.
        return BatchNorm.batchNorm(x, ps.getValue(runningMean, device, training),
                ps.getValue(runningVar, device, training), ps.getValue(weight, device, training),
                ps.getValue(bias, device, training), 1, 1f - momentum, epsilon, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
