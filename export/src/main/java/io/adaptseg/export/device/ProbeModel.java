package io.adaptseg.export.device;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.ModelContract;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.ModelOrigin;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.export.onnx.GraphBuilder;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.onnx.SegmentationOutputs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * The model {@code doctor --providers} always checks: a small DeepLab-shaped network in the adaptseg
 * contract, written with the exporter's own graph builder and contract head, so it uses the operators
 * an exported segmenter uses (strided and dilated Conv, Relu, MaxPool, AveragePool, the ASPP branch sum,
 * the in-graph Resize + ArgMax + Cast to uint8 labels) and carries the same {@code adaptseg.*} metadata.
 *
 * <p>Its logits are the sum of two paths at stride 4. A colour path scores each pixel's 3x3 neighbourhood
 * against the Cityscapes colour of every class (nearest colour wins: {@code x·p - |p|²/2}), so on the
 * check's street scene ({@link ProbeImage}, painted in those colours) most pixels are decided by a wide
 * margin. A deep path of random weights (fixed seed) through the dilated convolutions adds a smaller term
 * that moves the boundaries between classes. Random weights alone leave many pixels near a tie, where
 * the rounding a healthy GPU applies to float32 (TF32) flips labels beyond float32's 99.99 % (measured:
 * 99.96 % with TF32 emulated on the CPU, random weights only); with the colour path ties fall only on
 * boundary lines, while a kernel that computes wrongly still moves boundaries or whole regions.
 *
 * <p>Every build writes the same bytes: the same SHA-256, and so the same TensorRT engine cache folder on
 * every run. It needs neither DJL nor a checkpoint, so the check runs on a device that has only the edge
 * runtime's dependencies.
 */
public final class ProbeModel {
    /** The file name the model is written under; TensorRT keys its engines by it (docs/deployment.md). */
    public static final String FILE_NAME = "adaptseg-probe.onnx";
    /** Training input size in the metadata (H x W): what the check feeds it. */
    public static final int HEIGHT = 128;
    public static final int WIDTH = 256;
    private static final long SEED = 31;
    private static final int STEM = 16;
    private static final int WIDTH_MID = 32;
    /**
     * Scale of the deep path's weights (He initialisation times this). Measured on the probe image
     * (ProbeModelTest): without the deep path 97.29 % of the labels stay, so it decides 2.7 % of the
     * pixels; with TF32's rounding emulated the labels agree 100 %, and 99.945 % even with bfloat16's 8x
     * coarser rounding. At 0.05 the deep path decided 0.015 % of the pixels, too few to see a wrong kernel.
     */
    private static final float DEEP_SCALE = 2f;

    private ProbeModel() {
    }

    /** The model: the colour path plus the scaled deep path (image 3→16 stride 2, max pool, 16→32 dilation 2, ASPP 2 and 4). */
    public static ModelProto build() {
        Random random = new Random(SEED);
        LabelSet labels = LabelSet.CITYSCAPES19;
        Normalization normalization = Normalization.DEEPLAB_V2_CAFFE;
        GraphBuilder g = new GraphBuilder();
        String image = SegmentationOutputs.declareImage(g);
        String x = conv(g, random, "stem", image, 3, STEM, 2, 1, 1f);
        x = g.node("Relu", "stem_relu", List.of(x));
        x = g.node("MaxPool", "pool", List.of(x), Attributes.ints("kernel_shape", 3, 3),
                Attributes.ints("strides", 2, 2), Attributes.ints("pads", 1, 1, 1, 1));
        x = conv(g, random, "block", x, STEM, WIDTH_MID, 1, 2, 1f);
        x = g.node("Relu", "block_relu", List.of(x));
        String branch2 = conv(g, random, "aspp_d2", x, WIDTH_MID, labels.size(), 1, 2, DEEP_SCALE);
        String branch4 = conv(g, random, "aspp_d4", x, WIDTH_MID, labels.size(), 1, 4, DEEP_SCALE);
        String deep = g.node("Add", "aspp_sum", List.of(branch2, branch4));
        String logits = g.node("Add", "logits_sum", List.of(colourPath(g, image, labels, normalization), deep));
        SegmentationOutputs.append(g, image, logits, labels.size(), Convention.HALF_PIXEL);
        ModelMetadata metadata = new ModelMetadata(new ModelContract(labels, normalization, HEIGHT, WIDTH, 4,
                Convention.HALF_PIXEL, ImageResize.BILINEAR), new ModelOrigin("doctor-probe", "none", "none", "none", 0,
                OptionalDouble.empty(), "{\"made-by\":\"adaptseg doctor --providers\",\"weights\":\"class colours"
                        + " + random, seed " + SEED + "\"}"));
        return OnnxModels.model(g.build("adaptseg-doctor-probe"), OnnxModels.DEFAULT_OPSET, metadata.toProperties(), "probe-2");
    }

    /**
     * Nearest class colour at stride 4: a 3x3 stride-2 convolution whose taps average the neighbourhood
     * and score it against each class colour p (in the model's normalised space) as {@code x·p - |p|²/2},
     * then a 3x3 stride-2 average pool, which gives the same sizes as the deep path for any input size.
     */
    private static String colourPath(GraphBuilder g, String image, LabelSet labels, Normalization normalization) {
        int classes = labels.size();
        float[] w = new float[classes * 3 * 9];
        float[] b = new float[classes];
        float[] p = new float[3];
        for (int c = 0; c < classes; c++) {
            int rgb = labels.get(c).rgb();
            normalization.toChw(new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb}, 1, p, 0);
            for (int ch = 0; ch < 3; ch++) {
                for (int tap = 0; tap < 9; tap++) {
                    w[(c * 3 + ch) * 9 + tap] = p[ch] / 9;
                }
                b[c] -= p[ch] * p[ch] / 2;
            }
        }
        String scores = g.node("Conv", "colour", List.of(image, g.float32("colour_w", w, classes, 3, 3, 3),
                        g.float32("colour_b", b, classes)), Attributes.ints("kernel_shape", 3, 3),
                Attributes.ints("strides", 2, 2), Attributes.ints("pads", 1, 1, 1, 1));
        return g.node("AveragePool", "colour_pool", List.of(scores), Attributes.ints("kernel_shape", 3, 3),
                Attributes.ints("strides", 2, 2), Attributes.ints("pads", 1, 1, 1, 1),
                Attributes.integer("count_include_pad", 0));
    }

    /** Writes the model into {@code folder} as {@link #FILE_NAME} and returns the file. */
    public static Path write(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        OnnxModels.write(build(), file);
        return file;
    }

    /** A 3x3 convolution with He-initialised weights (times {@code scale}) and a small bias; padding keeps the size at stride 1. */
    private static String conv(GraphBuilder g, Random random, String name, String input, int in, int out,
                               int stride, int dilation, float scale) {
        float[] w = new float[out * in * 9];
        double std = scale * Math.sqrt(2.0 / (in * 9));
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
        float[] b = new float[out];
        for (int i = 0; i < out; i++) {
            b[i] = (float) (random.nextGaussian() * 0.1 * scale);
        }
        String weight = g.float32(name + "_w", w, out, in, 3, 3);
        String bias = g.float32(name + "_b", b, out);
        return g.node("Conv", name, List.of(input, weight, bias), Attributes.ints("kernel_shape", 3, 3),
                Attributes.ints("strides", stride, stride), Attributes.ints("dilations", dilation, dilation),
                Attributes.ints("pads", dilation, dilation, dilation, dilation));
    }
}
