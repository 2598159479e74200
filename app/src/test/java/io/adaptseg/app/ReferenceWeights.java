package io.adaptseg.app;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state dict of AdaptSegNet's multi-level DeepLab-v2 ResNet-101 ({@code model/deeplab_multi.py},
 * {@code ResNetMulti}) with AdaptSegNet's tensor names, every value made from its tensor's name. The
 * same generator is in {@code scripts/fixtures/adaptsegnet_reference.py}, which runs AdaptSegNet's
 * forward on these weights; a 170 MB checkpoint need not be committed. The names and shapes are
 * written out here from the reference, independently of our network code.
 */
final class ReferenceWeights {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int[] BLOCKS = {3, 4, 23, 3};
    private static final int[] PLANES = {64, 128, 256, 512};

    private ReferenceWeights() {
    }

    /** Every tensor name of {@code ResNetMulti.state_dict()} but {@code num_batches_tracked}, with its shape. */
    static Map<String, long[]> shapes(int classes) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("conv1.weight", new long[] {64, 3, 7, 7});
        batchNorm(shapes, "bn1", 64);
        long inplanes = 64;
        for (int l = 0; l < 4; l++) {
            long planes = PLANES[l];
            for (int b = 0; b < BLOCKS[l]; b++) {
                String block = "layer" + (l + 1) + "." + b + ".";
                shapes.put(block + "conv1.weight", new long[] {planes, inplanes, 1, 1});
                batchNorm(shapes, block + "bn1", planes);
                shapes.put(block + "conv2.weight", new long[] {planes, planes, 3, 3});
                batchNorm(shapes, block + "bn2", planes);
                shapes.put(block + "conv3.weight", new long[] {4 * planes, planes, 1, 1});
                batchNorm(shapes, block + "bn3", 4 * planes);
                if (b == 0) {
                    // deeplab_multi.py:151: every layer's first block changes stride, width or dilation
                    shapes.put(block + "downsample.0.weight", new long[] {4 * planes, inplanes, 1, 1});
                    batchNorm(shapes, block + "downsample.1", 4 * planes);
                }
                inplanes = 4 * planes;
            }
        }
        for (String head : new String[] {"layer5", "layer6"}) {
            long in = head.equals("layer5") ? 1024 : 2048;
            for (int k = 0; k < 4; k++) {
                shapes.put(head + ".conv2d_list." + k + ".weight", new long[] {classes, in, 3, 3});
                shapes.put(head + ".conv2d_list." + k + ".bias", new long[] {classes});
            }
        }
        return shapes;
    }

    private static void batchNorm(Map<String, long[]> shapes, String module, long channels) {
        for (String leaf : new String[] {"weight", "bias", "running_mean", "running_var"}) {
            shapes.put(module + "." + leaf, new long[] {channels});
        }
    }

    /** The values of one tensor: {@code lo + (hi - lo) · u} with u from SplitMix64 seeded by the name's hash. */
    static float[] values(String name, long[] shape) {
        double[] range = range(name, shape);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[Math.toIntExact(n)];
        long seed = fnv1a64(name);
        for (int i = 0; i < v.length; i++) {
            long z = seed + (i + 1L) * GOLDEN;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            double u = (z >>> 40) * 0x1.0p-24;
            v[i] = (float) (range[0] + (range[1] - range[0]) * u);
        }
        return v;
    }

    /** The value range of a tensor; the script's docstring gives the reasons. */
    private static double[] range(String name, long[] shape) {
        String leaf = name.substring(name.lastIndexOf('.') + 1);
        boolean classifier = name.startsWith("layer5.") || name.startsWith("layer6.");
        if (shape.length == 4) {
            double fanIn = shape[1] * shape[2] * shape[3];
            double a = classifier ? 2.0 * Math.sqrt(3.0 / fanIn) : Math.sqrt(6.0 / fanIn);
            return new double[] {-a, a};
        }
        if (classifier) {
            return new double[] {-0.5, 0.5};
        }
        double scale = name.startsWith("bn1.") ? 5000.0 : 1.0;
        return switch (leaf) {
            case "weight" -> name.contains(".bn3.") ? new double[] {0.2, 0.4} : new double[] {0.8, 1.2};
            case "bias" -> new double[] {-0.1, 0.1};
            case "running_mean" -> new double[] {-0.2 * Math.sqrt(scale), 0.2 * Math.sqrt(scale)};
            case "running_var" -> new double[] {0.5 * scale, 1.5 * scale};
            default -> throw new IllegalArgumentException("no range for " + name);
        };
    }

    static long fnv1a64(String name) {
        long h = 0xCBF29CE484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001B3L;
        }
        return h;
    }

    /** Writes the state dict as {@code .safetensors} (a format {@code export --weights} reads); returns its value count. */
    static long write(Path file, int classes, NDManager manager) throws IOException {
        long count = 0;
        try (NDManager scope = manager.newSubManager()) {
            NDList list = new NDList();
            for (Map.Entry<String, long[]> e : shapes(classes).entrySet()) {
                float[] v = values(e.getKey(), e.getValue());
                NDArray a = scope.create(v, new Shape(e.getValue()));
                a.setName(e.getKey());
                list.add(a);
                count += v.length;
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                list.encode(out, NDList.Encoding.SAFETENSORS);
            }
        }
        return count;
    }
}
