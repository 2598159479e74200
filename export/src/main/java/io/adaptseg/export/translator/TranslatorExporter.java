package io.adaptseg.export.translator;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.export.Versions;
import io.adaptseg.export.onnx.Attributes;
import io.adaptseg.export.onnx.GraphBuilder;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.train.translator.AdainOps;
import io.adaptseg.train.translator.ConvStack;
import io.adaptseg.train.translator.Layer;
import io.adaptseg.train.translator.Translator;
import io.adaptseg.train.translator.TranslatorCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Translator} as an ONNX graph (opset {@link OnnxModels#DEFAULT_OPSET}). Inputs:
 * {@code content} (N, 3, H, W) and {@code style} (N, 3, Hs, Ws), RGB in [0, 1]; {@code alpha} (1), the
 * strength in [0, 1], an input so that one file serves every strength. Output: {@code translated}
 * (N, 3, H', W'), RGB in [0, 255] clamped, H' and W' being H and W rounded up to a multiple of 8.
 * The graph is the DJL forward step by step: reflection padding is {@code Pad(mode=reflect)}, the
 * pools {@code MaxPool(ceil_mode=1)}, nearest upsampling {@code Resize(nearest, asymmetric, floor)},
 * and the statistics use the unbiased variance plus {@link AdainOps#EPS} as the training code.
 */
public final class TranslatorExporter {
    public static final String CONTENT = "content";
    public static final String STYLE = "style";
    public static final String ALPHA = "alpha";
    public static final String OUTPUT = "translated";
    /** Metadata keys of the translator file. */
    public static final String KIND_KEY = "adaptseg.model_kind";
    public static final String KIND = "adain-translator";

    private final GraphBuilder g = new GraphBuilder();
    private final Map<Conv2d, String[]> weights = new HashMap<>();

    private TranslatorExporter() {
    }

    /** The model of {@code translator} with {@code metadata} added to the contract's own keys. */
    public static ModelProto export(Translator translator, Map<String, String> metadata) {
        return new TranslatorExporter().build(translator, metadata);
    }

    /**
     * Exports the translator of an adain checkpoint, or the jointly trained one of a joint-translator
     * checkpoint ({@link TranslatorCheckpoint#load}), to {@code target} (written atomically); returns the model.
     */
    public static ModelProto write(Path checkpoint, Path target) throws AdaptsegException {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            TranslatorCheckpoint loaded = TranslatorCheckpoint.load(checkpoint, m);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("adaptseg.default_alpha", Double.toString(loaded.config().adain().alpha()));
            meta.put("adaptseg.checkpoint", loaded.directory().toString());
            ModelProto model = export(loaded.translator(), meta);
            try {
                OnnxModels.write(model, target);
            } catch (IOException e) {
                throw new AdaptsegException(target + ": cannot write the ONNX model (" + e.getMessage() + ")", e);
            }
            return model;
        }
    }

    private ModelProto build(Translator t, Map<String, String> extra) {
        String content = g.input(CONTENT, DataType.FLOAT, "N", 3, "H", "W");
        String style = g.input(STYLE, DataType.FLOAT, "N", 3, "Hs", "Ws");
        String alpha = g.input(ALPHA, DataType.FLOAT, 1);
        String c = stack(t.encoder(), content, "enc_c").getLast();
        String s = stack(t.encoder(), style, "enc_s").getLast();
        String[] cs = meanStd(c, "content_stats");
        String[] ss = meanStd(s, "style_stats");
        String normalised = g.node("Div", "normalised", List.of(g.node("Sub", "centred", List.of(c, cs[0])), cs[1]));
        String adain = g.node("Add", "adain", List.of(g.node("Mul", "scaled", List.of(normalised, ss[1])), ss[0]));
        String one = g.float32("one", new float[] {1f}, 1);
        String blended = g.node("Add", "blended", List.of(g.node("Mul", "alpha_t", List.of(alpha, adain)),
                g.node("Mul", "rest_c", List.of(g.node("Sub", "one_minus_alpha", List.of(one, alpha)), c))));
        String image = stack(t.decoder(), blended, "dec").getLast();
        String scaled = g.node("Mul", "scaled255", List.of(image, g.float32("k255", new float[] {255f})));
        g.namedNode("Clip", OUTPUT, List.of(scaled, g.float32("lo", new float[] {0f}), g.float32("hi", new float[] {255f})));
        g.output(OUTPUT, DataType.FLOAT, "N", 3, "Ho", "Wo");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(KIND_KEY, KIND);
        meta.put("adaptseg.architecture", Translator.ARCHITECTURE);
        meta.put("adaptseg.inputs", "content, style: float RGB in [0, 1], NCHW; alpha: float[1] in [0, 1]");
        meta.put("adaptseg.output", "translated: float RGB in [0, 255], clamped; H, W rounded up to a multiple of "
                + Translator.STRIDE);
        meta.putAll(Versions.all());
        meta.putAll(extra);
        return OnnxModels.model(g.build("adain_translator"), OnnxModels.DEFAULT_OPSET, meta, Versions.adaptseg());
    }

    /** The stack's steps from {@code x}; returns its taps. Initializers are shared when a stack runs twice. */
    private List<String> stack(ConvStack stack, String x, String prefix) {
        List<String> taps = new java.util.ArrayList<>();
        String pads = null;
        String scales = null;
        for (Layer layer : stack.layers()) {
            switch (layer) {
                case Layer.Conv conv -> {
                    String[] w = weights.computeIfAbsent(stack.conv(conv.name()), k -> initializers(k, prefix + "_" + conv.name()));
                    x = g.node("Conv", prefix + "_conv" + conv.name(), List.of(x, w[0], w[1]),
                            Attributes.ints("kernel_shape", conv.kernel(), conv.kernel()), Attributes.ints("pads", 0, 0, 0, 0));
                }
                case Layer.ReflectionPad p -> {
                    pads = pads != null ? pads : g.int64(prefix + "_pads", new long[] {0, 0, 1, 1, 0, 0, 1, 1}, 8);
                    x = g.node("Pad", prefix + "_pad", List.of(x, pads), Attributes.string("mode", "reflect"));
                }
                case Layer.Relu r -> x = g.node("Relu", prefix + "_relu", List.of(x));
                case Layer.MaxPool p -> x = g.node("MaxPool", prefix + "_pool", List.of(x), Attributes.ints("kernel_shape", 2, 2),
                        Attributes.ints("strides", 2, 2), Attributes.integer("ceil_mode", 1));
                case Layer.Upsample u -> {
                    scales = scales != null ? scales : g.float32(prefix + "_scales", new float[] {1, 1, 2, 2}, 4);
                    x = g.node("Resize", prefix + "_up", List.of(x, "", scales), Attributes.string("mode", "nearest"),
                            Attributes.string("coordinate_transformation_mode", "asymmetric"),
                            Attributes.string("nearest_mode", "floor"));
                }
                case Layer.Tap tap -> taps.add(x);
            }
        }
        return taps;
    }

    private String[] initializers(Conv2d conv, String hint) {
        Parameter w = conv.getParameters().get("weight");
        Parameter b = conv.getParameters().get("bias");
        return new String[] {
            g.float32(hint + "_weight", w.getArray().toFloatArray(), w.getArray().getShape().getShape()),
            g.float32(hint + "_bias", b.getArray().toFloatArray(), b.getArray().getShape().getShape())};
    }

    /** Per-sample, per-channel mean and sqrt(unbiased variance + eps), each (N, C, 1, 1). */
    private String[] meanStd(String x, String hint) {
        String mean = g.node("ReduceMean", hint + "_mean", List.of(x), Attributes.ints("axes", 2, 3),
                Attributes.integer("keepdims", 1));
        String d = g.node("Sub", hint + "_d", List.of(x, mean));
        String biased = g.node("ReduceMean", hint + "_var_biased", List.of(g.node("Mul", hint + "_d2", List.of(d, d))),
                Attributes.ints("axes", 2, 3), Attributes.integer("keepdims", 1));
        // n / (n - 1) with n = H * W read from the tensor, so any input size gets the unbiased variance
        String hw = g.node("Slice", hint + "_hw", List.of(g.node("Shape", hint + "_shape", List.of(x)),
                g.int64(hint + "_from", new long[] {2}, 1), g.int64(hint + "_to", new long[] {4}, 1)));
        String n = g.node("Cast", hint + "_n", List.of(g.node("ReduceProd", hint + "_count", List.of(hw),
                Attributes.integer("keepdims", 0))), Attributes.integer("to", DataType.FLOAT.getNumber()));
        String nMinus1 = g.node("Sub", hint + "_n1", List.of(n, g.float32(hint + "_one", new float[] {1f})));
        String unbiased = g.node("Mul", hint + "_var", List.of(biased, g.node("Div", hint + "_bessel", List.of(n, nMinus1))));
        String std = g.node("Sqrt", hint + "_std", List.of(g.node("Add", hint + "_var_eps", List.of(unbiased,
                g.float32(hint + "_eps", new float[] {(float) AdainOps.EPS})))));
        return new String[] {mean, std};
    }
}
