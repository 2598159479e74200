package io.adaptseg.export.parity;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.LabelDecoder;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.metrics.ConfusionMatrix;
import io.adaptseg.core.metrics.SegmentationMetrics;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.core.scoring.PairScorer;
import io.adaptseg.core.scoring.Protocol;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.Predictor;
import io.adaptseg.train.data.ImageOps;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parity on a labelled dataset, one image at a time (memory stays bounded), under the evaluation
 * convention: the image is resized to the training input size, and the logits are upsampled to the
 * ground truth's size before the argmax.
 *
 * <ul>
 *   <li>DJL and the graph get the same tensor: the trainer's resize ({@link ImageOps}, with the model's
 *       {@link ImageResize}, as the runtime resizes) and the model family's {@link Normalization}; both
 *       logits go through DJL's upsampling, so the graph is the
 *       only difference (at the training size the graph's own {@code labels} output is used);
 *   <li>the edge runtime gets the PNG's pixels and does everything itself from the ONNX file and its
 *       metadata ({@link Predictor}: resize, normalisation, upsampling, argmax).
 * </ul>
 * All three are scored with one {@link PairScorer} into core's {@link ConfusionMatrix}.
 */
final class DatasetParity {
    private final ReferenceSide djl;
    private final OrtSide ort;
    private final Path modelFile;
    private final Normalization normalization;
    private final ImageResize inputResize;
    private final Convention upsampling;

    /** @param djl the reference side: the trained network, or the float32 model of the chain */
    DatasetParity(ReferenceSide djl, OrtSide ort, Path modelFile, Normalization normalization, ImageResize inputResize,
                  Convention upsampling) {
        this.djl = djl;
        this.ort = ort;
        this.modelFile = modelFile;
        this.normalization = normalization;
        this.inputResize = inputResize;
        this.upsampling = upsampling;
    }

    DatasetResult run(LabelledDataset data, LabelSet labelSet, int inputHeight, int inputWidth,
                      Consumer<String> progress) throws AdaptsegException {
        Protocol protocol = Protocol.byId(labelSet.id());
        PairScorer scorer = new PairScorer(protocol, data.gtFormat(), LabelDecoder.TRAIN_IDS);
        ConfusionMatrix djlMatrix = scorer.newMatrix();
        ConfusionMatrix onnxMatrix = scorer.newMatrix();
        ConfusionMatrix runtimeMatrix = scorer.newMatrix();
        long pixels = 0;
        long onnxSame = 0;
        long runtimeSame = 0;
        double maxDelta = 0;
        double deltaSum = 0;
        long logitCount = 0;
        boolean runtimeNormalization;
        try (SegmentationSession session = SegmentationSession.open(modelFile, BackendKind.JAVA, BackendOptions.cpu())) {
            runtimeNormalization = session.model().normalization().equals(normalization);
            Predictor predictor = new Predictor(session, PredictOptions.whole(1));
            int done = 0;
            for (Sample sample : data.samples()) {
                RgbImage rgb = PngCodec.readRgb(sample.image());
                Path gtFile = sample.requireLabel();
                LabelImage gt = PngCodec.readLabels(gtFile);
                int h = rgb.height();
                int w = rgb.width();
                RgbImage net = ImageOps.resize(rgb, inputWidth, inputHeight, inputResize);
                float[] chw = new float[3 * inputHeight * inputWidth];
                normalization.toChw(net.rgb(), inputHeight * inputWidth, chw, 0);
                long[] shape = {1, 3, inputHeight, inputWidth};

                Prediction a = djl.predict(chw, shape, h, w);
                Prediction b = ort.predict(chw, shape);
                int[] onnxLabels = h == inputHeight && w == inputWidth ? b.labels()
                        : LabelRule.upsampleArgmax(b.logits(), b.logitsShape(), h, w, upsampling);
                int[] runtimeLabels = predictor.predict(List.of(rgb)).getFirst().classes().values();
                if (Arrays.equals(a.logitsShape(), b.logitsShape())) {
                    double[] d = Deltas.of(a.logits(), b.logits());
                    maxDelta = Math.max(maxDelta, d[0]);
                    deltaSum += d[1] * a.logits().length;
                    logitCount += a.logits().length;
                } else {
                    maxDelta = Double.NaN;
                }
                String name = sample.id();
                scorer.add(djlMatrix, gt, gtFile.toString(), trainIds(a.labels(), w, h, labelSet), "DJL " + name);
                scorer.add(onnxMatrix, gt, gtFile.toString(), trainIds(onnxLabels, w, h, labelSet), "ONNX " + name);
                scorer.add(runtimeMatrix, gt, gtFile.toString(), trainIds(runtimeLabels, w, h, labelSet),
                        "runtime " + name);
                pixels += (long) h * w;
                onnxSame += same(a.labels(), onnxLabels);
                runtimeSame += same(a.labels(), runtimeLabels);
                done++;
                if (done % 10 == 0 || done == data.samples().size()) {
                    progress.accept("dataset: " + done + "/" + data.samples().size() + " images");
                }
            }
        }
        int[] reported = protocol.reportedClasses();
        double djlMiou = 100 * SegmentationMetrics.of(djlMatrix, reported).meanIou();
        double onnxMiou = 100 * SegmentationMetrics.of(onnxMatrix, reported).meanIou();
        double runtimeMiou = 100 * SegmentationMetrics.of(runtimeMatrix, reported).meanIou();
        return new DatasetResult(djl.name(), data.layout(), protocol.id(), data.gtFormat().id(), data.samples().size(), pixels,
                djlMiou, onnxMiou, runtimeMiou, onnxMiou - djlMiou, runtimeMiou - djlMiou,
                (double) onnxSame / pixels, (double) runtimeSame / pixels, maxDelta,
                logitCount == 0 ? Double.NaN : deltaSum / logitCount, runtimeNormalization);
    }

    /** Model class indices as Cityscapes trainIds, the prediction format the scorer reads. */
    private static LabelImage trainIds(int[] classes, int width, int height, LabelSet labelSet) {
        int[] out = new int[classes.length];
        for (int i = 0; i < classes.length; i++) {
            out[i] = labelSet.toTrainId(classes[i]);
        }
        return new LabelImage(width, height, out);
    }

    private static long same(int[] a, int[] b) {
        if (a.length != b.length) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                n++;
            }
        }
        return n;
    }
}
