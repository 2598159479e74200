package io.adaptseg.core.model;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The model contract an adaptseg ONNX model carries in its {@code adaptseg.*} metadata, as one value
 * read and written in one place: the exporter writes it with {@link #toProperties()}, the runtime,
 * parity and {@code info} read it with {@link #fromProperties}. It holds everything needed to pre- and
 * post-process (label set, normalisation, training input size and how images are resized to it, stride,
 * how logits are upsampled) and
 * where the model came from.
 *
 * @param inputHeight training input height (the runtime resizes inputs to it)
 * @param logitsUpsampling how logits are upsampled to the image: the convention the network was
 *     trained and evaluated with (the reference repositories use align-corners); models written
 *     before the key existed were half-pixel
 * @param inputResize how images are resized to the input size: the resize the network was trained
 *     with ({@code image-resize}); models written before the key existed were bilinear
 * @param iteration training iteration the weights come from
 * @param valMiou validation mIoU in percent, empty when the model was never validated
 * @param provenanceJson the provenance record as JSON
 * @param parity what the export's parity check measured; empty when it was skipped
 * @param float16Range what the export's float16 range check measured; empty when none ran
 * @param int8 how the model was quantised to int8; empty for a float model
 */
public record ModelMetadata(LabelSet labelSet, Normalization normalization, int inputHeight, int inputWidth,
                            int outputStride, Convention logitsUpsampling, ImageResize inputResize,
                            String architecture, String method, String sourceDataset, String targetDataset,
                            long iteration, OptionalDouble valMiou, String provenanceJson,
                            Optional<ParityFigures> parity, Optional<Float16Range> float16Range,
                            Optional<Int8Calibration> int8) {

    /** A contract without parity figures (before the export's check has run). */
    public ModelMetadata(LabelSet labelSet, Normalization normalization, int inputHeight, int inputWidth,
                         int outputStride, Convention logitsUpsampling, ImageResize inputResize,
                         String architecture, String method, String sourceDataset, String targetDataset,
                         long iteration, OptionalDouble valMiou, String provenanceJson) {
        this(labelSet, normalization, inputHeight, inputWidth, outputStride, logitsUpsampling, inputResize,
                architecture, method, sourceDataset, targetDataset, iteration, valMiou, provenanceJson,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A contract with parity figures and no float16 range check. */
    public ModelMetadata(LabelSet labelSet, Normalization normalization, int inputHeight, int inputWidth,
                         int outputStride, Convention logitsUpsampling, ImageResize inputResize,
                         String architecture, String method, String sourceDataset, String targetDataset,
                         long iteration, OptionalDouble valMiou, String provenanceJson, Optional<ParityFigures> parity) {
        this(labelSet, normalization, inputHeight, inputWidth, outputStride, logitsUpsampling, inputResize,
                architecture, method, sourceDataset, targetDataset, iteration, valMiou, provenanceJson, parity,
                Optional.empty(), Optional.empty());
    }

    public ModelMetadata {
        if (inputHeight <= 0 || inputWidth <= 0) {
            throw new IllegalArgumentException("input size must be positive, found " + inputHeight + "x" + inputWidth);
        }
        if (outputStride <= 0) {
            throw new IllegalArgumentException("output stride must be positive, found " + outputStride);
        }
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, found " + iteration);
        }
        if (logitsUpsampling == null || inputResize == null) {
            throw new IllegalArgumentException("logits upsampling and input resize must be given");
        }
        parity = parity == null ? Optional.empty() : parity;
        float16Range = float16Range == null ? Optional.empty() : float16Range;
        int8 = int8 == null ? Optional.empty() : int8;
    }

    /** Number of output classes. */
    public int classes() {
        return labelSet.size();
    }

    /** Class names in output-channel order. */
    public List<String> classNames() {
        return labelSet.names();
    }

    /** The same contract with other provenance (export adds its own record to the training one). */
    public ModelMetadata withProvenance(String json) {
        return new ModelMetadata(labelSet, normalization, inputHeight, inputWidth, outputStride, logitsUpsampling,
                inputResize, architecture, method, sourceDataset, targetDataset, iteration, valMiou, json, parity,
                float16Range, int8);
    }

    /** The same contract with the parity the export measured. */
    public ModelMetadata withParity(ParityFigures figures) {
        return new ModelMetadata(labelSet, normalization, inputHeight, inputWidth, outputStride, logitsUpsampling,
                inputResize, architecture, method, sourceDataset, targetDataset, iteration, valMiou, provenanceJson,
                Optional.of(figures), float16Range, int8);
    }

    /** The same contract with the float16 range the export measured. */
    public ModelMetadata withFloat16Range(Float16Range range) {
        return new ModelMetadata(labelSet, normalization, inputHeight, inputWidth, outputStride, logitsUpsampling,
                inputResize, architecture, method, sourceDataset, targetDataset, iteration, valMiou, provenanceJson, parity,
                Optional.of(range), int8);
    }

    /** The same contract with how the model was quantised to int8. */
    public ModelMetadata withInt8(Int8Calibration calibration) {
        return new ModelMetadata(labelSet, normalization, inputHeight, inputWidth, outputStride, logitsUpsampling,
                inputResize, architecture, method, sourceDataset, targetDataset, iteration, valMiou, provenanceJson, parity,
                float16Range, Optional.of(calibration));
    }

    /** The metadata_props entries, in a stable order. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(MetadataKeys.FORMAT_VERSION, Integer.toString(MetadataKeys.CURRENT_FORMAT_VERSION));
        p.put(MetadataKeys.LABEL_SET, labelSet.id());
        p.put(MetadataKeys.CLASS_NAMES, String.join(",", labelSet.names()));
        p.put(MetadataKeys.COLOR_ORDER, normalization.colorOrder().name().toLowerCase(Locale.ROOT));
        p.put(MetadataKeys.MEAN, join(normalization.mean()));
        p.put(MetadataKeys.STD, join(normalization.std()));
        p.put(MetadataKeys.SCALE, Double.toString(normalization.scale()));
        p.put(MetadataKeys.INPUT_SIZE, inputHeight + "x" + inputWidth);
        p.put(MetadataKeys.OUTPUT_STRIDE, Integer.toString(outputStride));
        p.put(MetadataKeys.LOGITS_UPSAMPLING, logitsUpsampling.onnxName());
        p.put(MetadataKeys.INPUT_RESIZE, inputResize.id());
        p.put(MetadataKeys.ARCHITECTURE, architecture);
        p.put(MetadataKeys.METHOD, method);
        p.put(MetadataKeys.SOURCE_DATASET, sourceDataset);
        p.put(MetadataKeys.TARGET_DATASET, targetDataset);
        p.put(MetadataKeys.ITERATION, Long.toString(iteration));
        p.put(MetadataKeys.VAL_MIOU, valMiou.isPresent() ? Double.toString(valMiou.getAsDouble()) : "");
        p.put(MetadataKeys.PROVENANCE, provenanceJson);
        parity.ifPresent(f -> {
            p.put(MetadataKeys.PARITY_PRECISION, f.precision());
            p.put(MetadataKeys.PARITY_AGREEMENT, Double.toString(f.agreement()));
            p.put(MetadataKeys.PARITY_MAX_ABS_DLOGIT, Double.toString(f.maxAbsDlogit()));
            p.put(MetadataKeys.PARITY_MIN_AGREEMENT, Double.toString(f.minAgreement()));
            p.put(MetadataKeys.PARITY_CHECKED_ON, f.checkedOn());
        });
        float16Range.ifPresent(r -> p.put(MetadataKeys.FP16_RANGE, r.toProperty()));
        int8.ifPresent(c -> p.put(MetadataKeys.INT8, c.toProperty()));
        return p;
    }

    private static String join(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    /**
     * Reads the contract from a model's metadata.
     *
     * @param what the model file, for messages
     * @throws AdaptsegException naming the file and the key when it is not an adaptseg model, the
     *     format version is not this one, or a value is missing or malformed
     */
    public static ModelMetadata fromProperties(String what, Map<String, String> metadata) throws AdaptsegException {
        if (!metadata.containsKey(MetadataKeys.FORMAT_VERSION)) {
            throw new AdaptsegException(what + ": not an adaptseg model (no " + MetadataKeys.FORMAT_VERSION
                    + " in its metadata; export models with 'adaptseg export', which writes the preprocessing"
                    + " contract the runtime needs)");
        }
        MetadataReader r = new MetadataReader(what, metadata);
        int version = r.integer(MetadataKeys.FORMAT_VERSION);
        if (version != MetadataKeys.CURRENT_FORMAT_VERSION) {
            throw new AdaptsegException(what + ": model format version " + version
                    + " is not supported; this adaptseg reads " + MetadataKeys.CURRENT_FORMAT_VERSION);
        }
        LabelSet labels = r.labelSet();
        Normalization norm = r.normalization();
        int[] size = r.heightWidth(MetadataKeys.INPUT_SIZE);
        int stride = r.integer(MetadataKeys.OUTPUT_STRIDE);
        if (stride <= 0) {
            throw new AdaptsegException(what + ": " + MetadataKeys.OUTPUT_STRIDE + " must be positive, found " + stride);
        }
        long iteration = r.optional(MetadataKeys.ITERATION).isEmpty() ? 0 : r.integer(MetadataKeys.ITERATION);
        if (iteration < 0) {
            throw new AdaptsegException(what + ": " + MetadataKeys.ITERATION + " must be >= 0, found " + iteration);
        }
        return new ModelMetadata(labels, norm, size[0], size[1], stride, r.upsampling(), r.inputResize(),
                r.required(MetadataKeys.ARCHITECTURE), r.optional(MetadataKeys.METHOD),
                r.optional(MetadataKeys.SOURCE_DATASET), r.optional(MetadataKeys.TARGET_DATASET), iteration,
                r.optional(MetadataKeys.VAL_MIOU).isEmpty() ? OptionalDouble.empty()
                        : OptionalDouble.of(r.number(MetadataKeys.VAL_MIOU)),
                r.optional(MetadataKeys.PROVENANCE).isEmpty() ? "{}" : r.optional(MetadataKeys.PROVENANCE),
                parity(what, r), float16Range(what, r), int8(what, r));
    }

    private static Optional<Float16Range> float16Range(String what, MetadataReader r) throws AdaptsegException {
        String value = r.optional(MetadataKeys.FP16_RANGE);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Float16Range.parse(value));
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(what + ": " + MetadataKeys.FP16_RANGE + " in the metadata: " + e.getMessage(), e);
        }
    }

    private static Optional<Int8Calibration> int8(String what, MetadataReader r) throws AdaptsegException {
        String value = r.optional(MetadataKeys.INT8);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Int8Calibration.parse(value));
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(what + ": " + MetadataKeys.INT8 + " in the metadata: " + e.getMessage(), e);
        }
    }

    private static Optional<ParityFigures> parity(String what, MetadataReader r) throws AdaptsegException {
        if (r.optional(MetadataKeys.PARITY_PRECISION).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ParityFigures(r.required(MetadataKeys.PARITY_PRECISION),
                    r.number(MetadataKeys.PARITY_AGREEMENT), r.number(MetadataKeys.PARITY_MAX_ABS_DLOGIT),
                    r.number(MetadataKeys.PARITY_MIN_AGREEMENT), r.optional(MetadataKeys.PARITY_CHECKED_ON)));
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(what + ": parity figures in the metadata: " + e.getMessage(), e);
        }
    }
}
