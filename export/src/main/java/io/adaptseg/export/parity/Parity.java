package io.adaptseg.export.parity;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.train.model.Segmenter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs the same inputs through a reference and an exported model (ONNX Runtime through DJL's OnnxRuntime
 * engine) and measures how far apart they are. The reference is the trained network (DJL, PyTorch), or
 * for the second link of the export's parity chain a float32 ONNX model already proven against it
 * ({@link #againstModel}). Owns both sides; the segmenter's parameters stay owned by the caller.
 */
public final class Parity implements AutoCloseable {
    private final Path modelFile;
    private final List<String> heads;
    private final Normalization normalization;
    private final ImageResize inputResize;
    private final Convention upsampling;
    private final ParityThresholds thresholds;
    private final ReferenceSide djl;
    private final OrtSide ort;

    /**
     * The exported model against the trained network.
     *
     * @param heads the heads summed into the exported logits ({@link io.adaptseg.export.HeadSelection})
     */
    public Parity(Segmenter segmenter, List<String> heads, Path modelFile, Normalization normalization,
                  ParityThresholds thresholds) throws AdaptsegException {
        this(heads, modelFile, normalization, thresholds,
                contract -> new DjlSide(segmenter, heads, contract.logitsUpsampling()));
    }

    private Parity(List<String> heads, Path modelFile, Normalization normalization, ParityThresholds thresholds,
                   ReferenceFactory reference) throws AdaptsegException {
        this.modelFile = modelFile;
        this.heads = List.copyOf(heads);
        this.normalization = normalization;
        this.thresholds = thresholds;
        // the model's own conventions, so that the reference is post- and pre-processed as the runtime will be
        ModelMetadata contract = ModelMetadata.fromProperties(modelFile.toString(),
                OnnxModels.metadata(OnnxModels.read(modelFile)));
        this.inputResize = contract.inputResize();
        this.upsampling = contract.logitsUpsampling();
        this.ort = new OrtSide(modelFile);
        try {
            this.djl = reference.open(contract);
        } catch (AdaptsegException | RuntimeException e) {
            ort.close();
            throw e;
        }
    }

    /**
     * A float16 or int8 model against the float32 model {@code float32} (the same network, proven against
     * it first): both run on ONNX Runtime, so no input costs another forward of the trained network.
     *
     * @param heads the heads both models sum, for the report
     */
    public static Parity againstModel(Path float32, List<String> heads, Path modelFile, Normalization normalization,
                                      ParityThresholds thresholds) throws AdaptsegException {
        return new Parity(heads, modelFile, normalization, thresholds,
                contract -> new ModelReference(float32, contract.logitsUpsampling()));
    }

    private interface ReferenceFactory {
        ReferenceSide open(ModelMetadata contract) throws AdaptsegException;
    }

    /** Compares both sides on random images (random bytes through the model's normalisation) of one size. */
    public SizeResult compareRandom(int batch, int height, int width, long seed) throws AdaptsegException {
        if (batch < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("batch and size must be positive, found " + batch + "x" + height + "x" + width);
        }
        Random random = new Random(seed);
        int pixels = height * width;
        float[] input = new float[batch * 3 * pixels];
        byte[] rgb = new byte[3 * pixels];
        for (int b = 0; b < batch; b++) {
            random.nextBytes(rgb);
            normalization.toChw(rgb, pixels, input, b * 3 * pixels);
        }
        long[] shape = {batch, 3, height, width};
        Prediction a = djl.predict(input, shape);
        Prediction b = ort.predict(input, shape);
        boolean judged = thresholds.judgeRandom();
        return compare(batch, height, width, List.of(a), List.of(b), SizeResult.RANDOM, judged);
    }

    /**
     * Compares both sides on real images, one at a time: each resized to {@code height} x {@code width}
     * (half-pixel, as the runtime does) and normalised as the model's contract says. Always judged.
     */
    public SizeResult compareImages(List<Path> images, ModelMetadata metadata) throws AdaptsegException {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to compare on");
        }
        List<Prediction> a = new ArrayList<>();
        List<Prediction> b = new ArrayList<>();
        long[] shape = {1, 3, metadata.inputHeight(), metadata.inputWidth()};
        for (Path file : images) {
            float[] input = io.adaptseg.export.calibration.CalibrationImages.prepare(file, metadata);
            a.add(djl.predict(input, shape));
            b.add(ort.predict(input, shape));
        }
        return compare(images.size(), metadata.inputHeight(), metadata.inputWidth(), a, b, SizeResult.IMAGES, true);
    }

    private SizeResult compare(int batch, int height, int width, List<Prediction> as, List<Prediction> bs,
                               String inputs, boolean judged) {
        boolean shapesMatch = true;
        double max = 0;
        double sum = 0;
        long values = 0;
        long pixels = 0;
        double agreeing = 0;
        for (int i = 0; i < as.size(); i++) {
            Prediction a = as.get(i);
            Prediction b = bs.get(i);
            shapesMatch &= Arrays.equals(a.logitsShape(), b.logitsShape());
            if (shapesMatch) {
                double[] d = Deltas.of(a.logits(), b.logits());
                max = Math.max(max, d[0]);
                sum += d[1] * a.logits().length;
                values += a.logits().length;
            }
            agreeing += Deltas.agreement(a.labels(), b.labels()) * a.labels().length;
            pixels += a.labels().length;
        }
        double agreement = pixels == 0 ? 0 : agreeing / pixels;
        boolean passed = shapesMatch && (agreement >= thresholds.minAgreement() || !judged);
        return new SizeResult(batch, height, width, shapesMatch, shapesMatch ? max : Double.NaN,
                shapesMatch && values > 0 ? sum / values : Double.NaN, pixels, agreement, passed, inputs, judged);
    }

    /**
     * Runs a labelled dataset through the reference, the graph and the edge runtime and scores all three
     * ({@link DatasetParity}); {@code inputHeight} x {@code inputWidth} is the training input size
     * the model's metadata declares, and images are resized to it with the model's input resize.
     */
    public DatasetResult compareDataset(LabelledDataset data, LabelSet labelSet, int inputHeight, int inputWidth,
                                        Consumer<String> progress) throws AdaptsegException {
        return new DatasetParity(djl, ort, modelFile, normalization, inputResize, upsampling).run(data, labelSet, inputHeight, inputWidth,
                progress);
    }

    /** Runs every size and assembles the report for a model of {@code precision} (named in the report). */
    public ParityReport run(String checkpoint, List<int[]> sizes, int batch, Precision precision, DatasetResult dataset)
            throws AdaptsegException {
        return run(checkpoint, sizes, batch, precision, null, dataset);
    }

    /**
     * The same, with a comparison on real images first when {@code images} is given ({@link #compareImages}).
     *
     * @param images real images and the contract that says how to prepare them, or null
     */
    public ParityReport run(String checkpoint, List<int[]> sizes, int batch, Precision precision, Images images,
                            DatasetResult dataset) throws AdaptsegException {
        List<SizeResult> results = new ArrayList<>();
        if (images != null) {
            results.add(compareImages(images.files(), images.metadata()));
        }
        long seed = 17;
        for (int[] hw : sizes) {
            results.add(compareRandom(batch, hw[0], hw[1], seed++));
        }
        return report(checkpoint, results, precision, dataset);
    }

    /** Real images to compare on, prepared as {@code metadata} says. */
    public record Images(List<Path> files, ModelMetadata metadata) {
    }

    /** Applies the thresholds to the results and lists every failure with its numbers. */
    public ParityReport report(String checkpoint, List<SizeResult> sizes, Precision precision, DatasetResult dataset) {
        List<String> failures = new ArrayList<>();
        for (SizeResult s : sizes) {
            String where = s.label();
            if (!s.logitsShapeMatch()) {
                failures.add(where + ": logits shapes differ between " + djl.name() + " and the model");
            }
            if (s.judged() && s.agreement() < thresholds.minAgreement()) {
                failures.add(String.format("%s: argmax agreement %.4f %% < %.4f %% (max |dlogit| %.3g, mean %.3g)",
                        where, 100 * s.agreement(), 100 * thresholds.minAgreement(), s.maxAbsDelta(), s.meanAbsDelta()));
            }
        }
        if (dataset != null) {
            if (dataset.onnxAgreement() < thresholds.minAgreement()) {
                failures.add(String.format("dataset: ONNX argmax agreement %.4f %% < %.4f %%",
                        100 * dataset.onnxAgreement(), 100 * thresholds.minAgreement()));
            }
            if (!(Math.abs(dataset.onnxMiouDelta()) <= thresholds.maxMiouDelta())) {
                failures.add(String.format("dataset: |ΔmIoU| ONNX vs %s %.4f > %.4f points",
                        djl.name(), Math.abs(dataset.onnxMiouDelta()), thresholds.maxMiouDelta()));
            }
            if (!dataset.runtimeNormalization()) {
                failures.add("dataset: the normalisation in the model's metadata differs from the family's " + normalization);
            }
            if (dataset.runtimeAgreement() < thresholds.minAgreement()) {
                failures.add(String.format("dataset: edge runtime agreement with %s %.4f %% < %.4f %%",
                        djl.name(), 100 * dataset.runtimeAgreement(), 100 * thresholds.minAgreement()));
            }
            if (!(Math.abs(dataset.runtimeMiouDelta()) <= thresholds.maxMiouDelta())) {
                failures.add(String.format("dataset: |ΔmIoU| edge runtime vs %s %.4f > %.4f points",
                        djl.name(), Math.abs(dataset.runtimeMiouDelta()), thresholds.maxMiouDelta()));
            }
        }
        return new ParityReport(modelFile.toString(), checkpoint, precision.id(), heads,
                thresholds, sizes, dataset, failures);
    }

    @Override
    public void close() {
        ort.close();
        djl.close();
    }
}
