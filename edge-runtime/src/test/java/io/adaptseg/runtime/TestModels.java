package io.adaptseg.runtime;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.MetadataKeys;
import io.adaptseg.core.model.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Tiny segmentation models in the adaptseg contract, built with the raw ONNX protobuf builders:
 * image [N,3,H,W] → Conv 3x3 stride 2 → logits [N,C,H/2,W/2] → Resize(linear, half_pixel) to H×W →
 * ArgMax → labels [N,H,W] (int64). N, H and W are dynamic.
 */
public final class TestModels {
    private TestModels() {
    }

    /** The adaptseg metadata of a model trained at {@code height}x{@code width} on a label set. */
    public static Map<String, String> metadata(LabelSet labels, Normalization norm, int height, int width) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MetadataKeys.FORMAT_VERSION, Integer.toString(MetadataKeys.CURRENT_FORMAT_VERSION));
        m.put(MetadataKeys.CLASS_NAMES, String.join(",", labels.names()));
        m.put(MetadataKeys.LABEL_SET, labels.id());
        m.put(MetadataKeys.COLOR_ORDER, norm.colorOrder().name().toLowerCase(Locale.ROOT));
        m.put(MetadataKeys.MEAN, join(norm.mean()));
        m.put(MetadataKeys.STD, join(norm.std()));
        m.put(MetadataKeys.SCALE, Double.toString(norm.scale()));
        m.put(MetadataKeys.INPUT_SIZE, height + "x" + width);
        m.put(MetadataKeys.OUTPUT_STRIDE, "2");
        m.put(MetadataKeys.ARCHITECTURE, "test-conv");
        m.put(MetadataKeys.METHOD, "source_only");
        m.put(MetadataKeys.SOURCE_DATASET, "synthetic");
        m.put(MetadataKeys.TARGET_DATASET, "synthetic");
        m.put(MetadataKeys.ITERATION, "0");
        m.put(MetadataKeys.VAL_MIOU, "");
        m.put(MetadataKeys.PROVENANCE, "{\"test\":true}");
        return m;
    }

    private static String join(double[] v) {
        return v[0] + "," + v[1] + "," + v[2];
    }

    /** A model with {@code classes} outputs, random weights from {@code seed}, and the given metadata. */
    public static Path write(Path file, int classes, long seed, Map<String, String> metadata) throws IOException {
        Random random = new Random(seed);
        int weights = classes * 3 * 3 * 3;
        TensorProto.Builder w = TensorProto.newBuilder().setName("conv_w")
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .addDims(classes).addDims(3).addDims(3).addDims(3);
        for (int i = 0; i < weights; i++) {
            w.addFloatData((float) random.nextGaussian() * 0.3f);
        }
        TensorProto.Builder b = TensorProto.newBuilder().setName("conv_b")
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).addDims(classes);
        for (int i = 0; i < classes; i++) {
            b.addFloatData((float) random.nextGaussian() * 0.1f);
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("adaptseg-test")
                .addInitializer(w).addInitializer(b)
                .addInitializer(longs("hw_start", 2)).addInitializer(longs("hw_end", 4))
                .addInitializer(longs("nc_start", 0)).addInitializer(longs("nc_end", 2))
                .addInput(value("image", TensorProto.DataType.FLOAT, "N", 3, "H", "W"))
                .addOutput(value("logits", TensorProto.DataType.FLOAT, "N", classes, "h", "w"))
                .addOutput(value("labels", TensorProto.DataType.INT64, "N", "H", "W"));
        g.addNode(node("Conv", new String[] {"image", "conv_w", "conv_b"}, "logits")
                .addAttribute(ints("kernel_shape", 3, 3)).addAttribute(ints("strides", 2, 2))
                .addAttribute(ints("pads", 1, 1, 1, 1)));
        g.addNode(node("Shape", new String[] {"image"}, "image_shape"));
        g.addNode(node("Shape", new String[] {"logits"}, "logits_shape"));
        g.addNode(node("Slice", new String[] {"image_shape", "hw_start", "hw_end"}, "hw"));
        g.addNode(node("Slice", new String[] {"logits_shape", "nc_start", "nc_end"}, "nc"));
        g.addNode(node("Concat", new String[] {"nc", "hw"}, "sizes")
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(0)));
        g.addNode(node("Resize", new String[] {"logits", "", "", "sizes"}, "upsampled")
                .addAttribute(string("mode", "linear"))
                .addAttribute(string("coordinate_transformation_mode",
                        metadata.getOrDefault(MetadataKeys.LOGITS_UPSAMPLING, "half_pixel"))));
        g.addNode(node("ArgMax", new String[] {"upsampled"}, "labels")
                .addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(1))
                .addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT).setI(0)));
        ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8).setProducerName("adaptseg-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g);
        metadata.forEach((k, v) -> model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        Files.write(file, model.build().toByteArray());
        return file;
    }

    /**
     * Writes a Cityscapes-19 test model trained "at" HxW for the benchmark until the exporter exists:
     * {@code java -cp <test classpath> io.adaptseg.runtime.TestModels out.onnx 512 1024}.
     */
    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]), 19, 1, metadata(LabelSet.CITYSCAPES19, Normalization.DEEPLAB_V2_CAFFE,
                Integer.parseInt(args[1]), Integer.parseInt(args[2])));
    }

    /** Cityscapes-19 test model at 32x64 with the DeepLab-v2 normalisation. */
    public static Path cityscapes(Path file, long seed) throws IOException {
        return write(file, 19, seed, metadata(LabelSet.CITYSCAPES19, Normalization.DEEPLAB_V2_CAFFE, 32, 64));
    }

    private static TensorProto.Builder longs(String name, long value) {
        return TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64.getNumber())
                .addDims(1).addInt64Data(value);
    }

    private static NodeProto.Builder node(String op, String[] inputs, String output) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(output + "_" + op).addOutput(output);
        for (String in : inputs) {
            n.addInput(in);
        }
        return n;
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    private static ValueInfoProto value(String name, TensorProto.DataType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof Integer i) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(i));
            } else {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam((String) d));
            }
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }
}
