package io.adaptseg.bench.versus;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.backend.OrtProcess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

/**
 * The machine's measured float32 peak: the best of a few square matrix multiplies (n × n by n × n,
 * 2n³ floating-point operations) through ONNX Runtime's MatMul and through DJL's PyTorch matMul, on
 * the given number of threads. A GEMM of this size runs at the speed of the best library kernel the
 * process has, which is the fair ceiling for a network made of convolutions (they run as GEMMs); a
 * datasheet's figure would count clock boosts and units no library reaches.
 *
 * @param ortGflops the best ONNX Runtime MatMul rate
 * @param djlGflops the best DJL PyTorch matMul rate
 */
public record GemmPeak(int size, double ortGflops, double djlGflops) {
    /** The peak: the faster of the two. */
    public double gflops() {
        return Math.max(ortGflops, djlGflops);
    }

    /** Which library gave the peak. */
    public String source() {
        return ortGflops >= djlGflops ? "ONNX Runtime MatMul" : "DJL PyTorch matMul";
    }

    private static double gflops(int n, long nanos) {
        return 2.0 * n * n * (double) n / nanos;
    }

    /** {@code count} standard-normal floats from {@code seed}: the matrices here, the model input of {@link OrtSide}. */
    static float[] random(int count, long seed) {
        Random random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /**
     * ONNX Runtime's rate on an {@code n}-cube MatMul: the best of {@code repeats} timed runs after one
     * warm-up ({@link OrtSide} calls it in its own JVM, before the model, so nothing else runs beside it).
     *
     * @throws AdaptsegException when ONNX Runtime cannot run the MatMul graph
     */
    static double ort(int n, int threads, int repeats) throws AdaptsegException {
        OrtEnvironment env = OrtProcess.environment();
        float[] a = random(n * n, 1);
        ByteBuffer b = ByteBuffer.allocate(n * n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(random(n * n, 2));
        TensorProto weight = TensorProto.newBuilder().setName("B").addDims(n).addDims(n)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(b.array())).build();
        GraphProto graph = GraphProto.newBuilder().setName("gemm").addInitializer(weight)
                .addInput(matrix("A", n)).addOutput(matrix("C", n))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("A").addInput("B").addOutput("C")).build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            try (OrtSession session = env.createSession(model.toByteArray(), options);
                 OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(a), new long[] {n, n})) {
                long best = Long.MAX_VALUE;
                for (int i = 0; i <= repeats; i++) {
                    long t0 = System.nanoTime();
                    try (OrtSession.Result ignored = session.run(Map.of("A", input))) {
                        long t = System.nanoTime() - t0;
                        best = i == 0 ? best : Math.min(best, t); // the first run is the warm-up
                    }
                }
                return gflops(n, best);
            }
        } catch (OrtException e) {
            throw new AdaptsegException("GEMM peak: ONNX Runtime cannot run a " + n + "x" + n + " MatMul ("
                    + e.getMessage() + ")", e);
        }
    }

    private static ValueInfoProto matrix(String name, int n) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        shape.addDimBuilder().setDimValue(n);
        shape.addDimBuilder().setDimValue(n);
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    /** PyTorch's rate through DJL on the same product, best of {@code repeats} after one warm-up. */
    static double djl(int n, int repeats, NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray a = scope.create(random(n * n, 1), new Shape(n, n));
            NDArray b = scope.create(random(n * n, 2), new Shape(n, n));
            long best = Long.MAX_VALUE;
            for (int i = 0; i <= repeats; i++) {
                try (NDManager step = scope.newSubManager()) {
                    long t0 = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.attach(step); // eager on the CPU: the product is complete when matMul returns
                    long t = System.nanoTime() - t0;
                    best = i == 0 ? best : Math.min(best, t);
                }
            }
            return gflops(n, best);
        }
    }
}
