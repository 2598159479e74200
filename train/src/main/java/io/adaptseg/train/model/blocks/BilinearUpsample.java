package io.adaptseg.train.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.adaptseg.core.resample.Convention;

/**
 * Bilinear upsampling of an NCHW tensor to the spatial size of a reference tensor: inputs
 * {@code [x, reference]}, output {@code x} resized to {@code reference}'s H×W. Upsampling only.
 *
 * <p>Two coordinate conventions, both differentiable:
 * <ul>
 *   <li>{@code alignCorners = false}: half-pixel (PyTorch {@code align_corners=False}, ONNX Resize
 *       {@code half_pixel}), DJL's {@code interpolation}. It is anti-aliased when shrinking, which is
 *       why {@link #halfPixel} refuses to shrink (docs/stack.md).</li>
 *   <li>{@code alignCorners = true}: PyTorch {@code align_corners=True}, ONNX Resize
 *       {@code align_corners}; DJL ignores that flag, so it is computed as two matrix products with
 *       interpolation matrices. The DeepLab-v3+ decoder uses it, as the reference implementation.</li>
 * </ul>
 */
public final class BilinearUpsample extends AbstractBlock {
    private final boolean alignCorners;

    public BilinearUpsample(boolean alignCorners) {
        this.alignCorners = alignCorners;
    }

    public boolean alignCorners() {
        return alignCorners;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("BilinearUpsample takes [x, reference], found " + inputs.size()
                    + " inputs");
        }
        Shape ref = inputs.get(1).getShape();
        NDArray x = inputs.get(0);
        long h = ref.get(2);
        long w = ref.get(3);
        return new NDList(alignCorners ? alignCorners(x, h, w) : halfPixel(x, h, w));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        Shape ref = inputShapes[1];
        return new Shape[] {new Shape(x.get(0), x.get(1), ref.get(2), ref.get(3))};
    }

    /** Bilinear upsampling of {@code x} [N,C,h,w] to [N,C,height,width] with {@code convention}'s coordinates. */
    public static NDArray resize(NDArray x, long height, long width, Convention convention) {
        return switch (convention) {
            case HALF_PIXEL -> halfPixel(x, height, width);
            case ALIGN_CORNERS -> alignCorners(x, height, width);
        };
    }

    /**
     * Half-pixel bilinear upsampling of {@code x} [N,C,h,w] to [N,C,height,width]; the way logits are
     * brought to the input or label size. Throws if either side would shrink.
     */
    public static NDArray halfPixel(NDArray x, long height, long width) {
        Shape s = x.getShape();
        requireUpsample(s, height, width);
        if (s.get(2) == height && s.get(3) == width) {
            return x;
        }
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, 1, false);
    }

    /**
     * Bilinear upsampling with PyTorch's {@code align_corners=True} coordinates, the references'
     * ({@code nn.Upsample(..., align_corners=True)}, e.g. AdaptSegNet {@code train_gta2cityscapes_multi.py:250}):
     * {@code A_h · x · A_wᵀ} with interpolation matrices of two non-zeros per row, so the result is exact
     * to float rounding and its gradient is {@code A_hᵀ · g · A_w}, which autograd derives from the matmuls.
     */
    public static NDArray alignCorners(NDArray x, long height, long width) {
        Shape s = x.getShape();
        requireUpsample(s, height, width);
        if (s.get(2) == height && s.get(3) == width) {
            return x;
        }
        NDArray aw = matrix(x, width, s.get(3));   // [W, w]
        NDArray ah = matrix(x, height, s.get(2));  // [H, h]
        NDArray rows = x.matMul(aw.transpose());   // [N, C, h, W]
        return rows.transpose(0, 1, 3, 2).matMul(ah.transpose()).transpose(0, 1, 3, 2);
    }

    private static void requireUpsample(Shape s, long height, long width) {
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("bilinear upsampling needs an NCHW tensor, found " + s);
        }
        if (height < s.get(2) || width < s.get(3)) {
            throw new IllegalArgumentException("bilinear upsampling only enlarges: " + s.get(2) + "x" + s.get(3)
                    + " to " + height + "x" + width + " would shrink (DJL's interpolation anti-aliases when"
                    + " shrinking and would not match ONNX Resize)");
        }
    }

    /** Interpolation matrix [out, in] for align-corners coordinates {@code src = i * (in - 1) / (out - 1)}. */
    private static NDArray matrix(NDArray like, long out, long in) {
        double[] m = new double[Math.toIntExact(out * in)]; // double weights: exact for a float64 input too
        for (int i = 0; i < out; i++) {
            double src = out == 1 ? 0 : (double) i * (in - 1) / (out - 1);
            int i0 = (int) Math.floor(src);
            int i1 = (int) Math.min(i0 + 1, in - 1);
            double frac = src - i0;
            m[(int) (i * in + i0)] += 1 - frac;
            m[(int) (i * in + i1)] += frac;
        }
        // in the input's type: a float64 twin of a network (the numerics tests) must not mix types
        return like.getManager().create(m, new Shape(out, in)).toType(like.getDataType(), false)
                .toDevice(like.getDevice(), false);
    }
}
