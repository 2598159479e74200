package io.adaptseg.export.device;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;

/**
 * A model rewritten to round what every Conv multiplies (its input and its weights) to 10 mantissa bits
 * before it multiplies in float32: a Cast to float16 and back. That is the rounding TF32 tensor cores
 * apply on NVIDIA GPUs (TF32 keeps float16's 10-bit mantissa and float32's exponent; the values here
 * stay far inside float16's range), so a CPU can measure how far a TF32 provider may move the labels.
 */
final class Tf32Emulation {
    private Tf32Emulation() {
    }

    static ModelProto of(ModelProto model) {
        GraphProto.Builder graph = model.getGraph().toBuilder().clearNode();
        int n = 0;
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (!node.getOpType().equals("Conv")) {
                graph.addNode(node);
                continue;
            }
            NodeProto.Builder conv = node.toBuilder();
            for (int i = 0; i < 2; i++) {
                String in = node.getInput(i);
                String half = "tf32_" + n + "_" + i + "_half";
                String back = "tf32_" + n + "_" + i + "_rounded";
                graph.addNode(cast(in, half, TensorProto.DataType.FLOAT16));
                graph.addNode(cast(half, back, TensorProto.DataType.FLOAT));
                conv.setInput(i, back);
            }
            graph.addNode(conv);
            n++;
        }
        return model.toBuilder().setGraph(graph).build();
    }

    private static NodeProto cast(String in, String out, TensorProto.DataType to) {
        return NodeProto.newBuilder().setOpType("Cast").setName(out + "/Cast").addInput(in).addOutput(out)
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(to.getNumber())).build();
    }
}
