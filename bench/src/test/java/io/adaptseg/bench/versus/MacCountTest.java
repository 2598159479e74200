package io.adaptseg.bench.versus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multiply-adds of a small hand-built graph against the count done by hand. */
class MacCountTest {
    @Test
    void convGroupedConvMatMulAndGemmCountAsByHand() throws Exception {
        GraphProto graph = GraphProto.newBuilder().setName("tiny")
                .addInput(input("x", 1, 3, 8, 10))
                // 3x3, stride 2, pad 1: 8x10 -> 4x5; 4 filters of 3x3x3
                .addInitializer(weight("w1", 4, 3, 3, 3))
                .addNode(node("Conv", List.of("x", "w1"), "c1", ints("strides", 2, 2), ints("pads", 1, 1, 1, 1)))
                // 1x1 in 2 groups: each output channel sees 2 of the 4 input channels
                .addInitializer(weight("w2", 4, 2, 1, 1))
                .addNode(node("Conv", List.of("c1", "w2"), "c2", integer("group", 2)))
                .addNode(node("Flatten", List.of("c2"), "f", integer("axis", 1)))
                .addInitializer(weight("m", 80, 6))
                .addNode(node("MatMul", List.of("f", "m"), "mm"))
                .addInitializer(weight("g", 5, 6))
                .addNode(node("Gemm", List.of("mm", "g"), "y", integer("transB", 1)))
                .addOutput(ValueInfoProto.newBuilder().setName("y").setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))))
                .build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).build();

        MacCount count = MacCount.of(model, new long[] {1, 3, 8, 10});

        long conv1 = 4 * 4 * 5 * (3 * 3 * 3); // output elements x (input channels x kernel area)
        long conv2 = 4 * 4 * 5 * 2;             // grouped: 2 input channels per output channel
        long matMul = 6 * 80;                   // [1,80] x [80,6]
        long gemm = 5 * 6;                      // [1,6] x [6,5] (B transposed)
        assertEquals(conv1 + conv2, count.conv());
        assertEquals(matMul + gemm, count.matMul());
        assertEquals(2 * (conv1 + conv2 + matMul + gemm), count.flops());

        // a batch of 3 triples every count: the shapes come from the run, not from the declared input
        MacCount batch = MacCount.of(model, new long[] {3, 3, 8, 10});
        assertEquals(3 * count.conv(), batch.conv());
    }

    private static ValueInfoProto input(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDimBuilder().setDimParam("N");
        for (int i = 1; i < dims.length; i++) {
            shape.addDimBuilder().setDimValue(dims[i]);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static TensorProto weight(String name, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        long n = 1;
        for (long d : dims) {
            t.addDims(d);
            n *= d;
        }
        Random random = new Random(name.hashCode());
        for (long i = 0; i < n; i++) {
            t.addFloatData((float) random.nextGaussian());
        }
        return t.build();
    }

    private static NodeProto node(String op, List<String> inputs, String output, AttributeProto... attributes) {
        return NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(List.of(attributes)).build();
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
