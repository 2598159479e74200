package io.adaptseg.export.parity;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.Locale;

/** What an exported model computes in, which decides the parity thresholds it must meet. */
public enum Precision {
    FLOAT32,
    FLOAT16,
    /** Int8 weights and activations in QDQ form (QuantizeLinear / DequantizeLinear around the ops). */
    INT8;

    /** float32, float16 or int8. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The thresholds a model of this precision must meet. */
    public ParityThresholds thresholds() {
        return switch (this) {
            case FLOAT32 -> ParityThresholds.FLOAT32;
            case FLOAT16 -> ParityThresholds.FLOAT16;
            case INT8 -> ParityThresholds.INT8;
        };
    }

    /** float16 or float32 from a flag (exports without int8). */
    public static Precision ofFloat16(boolean float16) {
        return float16 ? FLOAT16 : FLOAT32;
    }

    /**
     * The precision of a written model, read from its graph: int8 when it quantises (a QuantizeLinear
     * node or an int8 initializer), float16 when it holds float16 initializers, else float32.
     */
    public static Precision of(ModelProto model) {
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (n.getOpType().equals("QuantizeLinear")) {
                return INT8;
            }
        }
        boolean half = false;
        for (TensorProto t : model.getGraph().getInitializerList()) {
            if (t.getDataType() == TensorProto.DataType.INT8_VALUE) {
                return INT8;
            }
            half |= t.getDataType() == TensorProto.DataType.FLOAT16_VALUE;
        }
        return half ? FLOAT16 : FLOAT32;
    }
}
