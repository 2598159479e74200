package io.adaptseg.export.parity;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.export.onnx.SegmentationOutputs;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The exported graph on ONNX Runtime through DJL's OnnxRuntime engine. Owns the DJL model and its
 * predictor; outputs are read by name, never by position.
 */
final class OrtSide implements AutoCloseable {
    private final Model model;
    private final Predictor<NDList, NDList> predictor;

    OrtSide(Path file) throws AdaptsegException {
        // DJL's OnnxRuntime engine must create the process-wide OrtEnvironment first (docs/stack.md).
        Model m = Model.newInstance("parity", "OnnxRuntime");
        try {
            m.load(file);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            m.close();
            throw new AdaptsegException(file + ": ONNX Runtime cannot load it (" + e.getMessage() + ")", e);
        }
        this.model = m;
        this.predictor = m.newPredictor(new NoopTranslator());
    }

    Prediction predict(float[] input, long[] shape) throws AdaptsegException {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray image = scope.create(input, new Shape(shape));
            image.setName(SegmentationOutputs.IMAGE);
            NDList out = predictor.predict(new NDList(image));
            NDArray logits = require(out, SegmentationOutputs.LOGITS);
            NDArray labels = require(out, SegmentationOutputs.LABELS);
            int[] labelValues = labels.getDataType() == DataType.UINT8 ? labels.toUint8Array()
                    : labels.toType(DataType.INT32, false).toIntArray();
            Prediction p = new Prediction(logits.toFloatArray(), logits.getShape().getShape(), labelValues);
            out.close();
            return p;
        } catch (TranslateException e) {
            throw new AdaptsegException("ONNX Runtime failed on input " + new Shape(shape) + ": " + e.getMessage(), e);
        }
    }

    private static NDArray require(NDList out, String name) throws AdaptsegException {
        NDArray a = out.get(name);
        if (a == null) {
            throw new AdaptsegException("the model has no output '" + name + "'");
        }
        return a;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
