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
 * What an adaptseg ONNX model carries in its {@code adaptseg.*} metadata, as one value read and written in
 * one place: the exporter writes it with {@link #toProperties()}, the runtime, parity and {@code info} read
 * it with {@link #fromProperties}. Three parts: the {@link ModelContract} (everything needed to pre- and
 * post-process), the {@link ModelOrigin} (where the model came from) and the {@link ModelChecks} (what the
 * export checked: parity, the float16 range, int8 quantisation). The contract's parts have shorthands here
 * ({@link #inputHeight()}, …) because every reader of a model needs them.
 */
public record ModelMetadata(ModelContract contract, ModelOrigin origin, ModelChecks checks) {
    public ModelMetadata {
        if (contract == null || origin == null) {
            throw new IllegalArgumentException("a model's metadata needs its contract and origin");
        }
        checks = checks == null ? ModelChecks.NONE : checks;
    }

    /** A model's metadata before the export's checks have run. */
    public ModelMetadata(ModelContract contract, ModelOrigin origin) {
        this(contract, origin, ModelChecks.NONE);
    }

    public LabelSet labelSet() {
        return contract.labelSet();
    }

    public Normalization normalization() {
        return contract.normalization();
    }

    public int inputHeight() {
        return contract.inputHeight();
    }

    public int inputWidth() {
        return contract.inputWidth();
    }

    public int outputStride() {
        return contract.outputStride();
    }

    public Convention logitsUpsampling() {
        return contract.logitsUpsampling();
    }

    public ImageResize inputResize() {
        return contract.inputResize();
    }

    /** Number of output classes. */
    public int classes() {
        return contract.labelSet().size();
    }

    /** Class names in output-channel order. */
    public List<String> classNames() {
        return contract.labelSet().names();
    }

    /** The same model with another contract (e.g. another normalisation declared to the runtime). */
    public ModelMetadata withContract(ModelContract value) {
        return new ModelMetadata(value, origin, checks);
    }

    /** The same model with other provenance (export adds its own record to the training one). */
    public ModelMetadata withProvenance(String json) {
        return new ModelMetadata(contract, origin.withProvenance(json), checks);
    }

    /** The same model with the parity the export measured. */
    public ModelMetadata withParity(ParityFigures figures) {
        return new ModelMetadata(contract, origin, checks.withParity(figures));
    }

    /** The same model with the float16 range the export measured. */
    public ModelMetadata withFloat16Range(Float16Range range) {
        return new ModelMetadata(contract, origin, checks.withFloat16Range(range));
    }

    /** The same model with how it was quantised to int8. */
    public ModelMetadata withInt8(Int8Calibration calibration) {
        return new ModelMetadata(contract, origin, checks.withInt8(calibration));
    }

    /** The metadata_props entries, in a stable order. */
    public Map<String, String> toProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(MetadataKeys.FORMAT_VERSION, Integer.toString(MetadataKeys.CURRENT_FORMAT_VERSION));
        ModelContract c = contract;
        p.put(MetadataKeys.LABEL_SET, c.labelSet().id());
        p.put(MetadataKeys.CLASS_NAMES, String.join(",", c.labelSet().names()));
        p.put(MetadataKeys.COLOR_ORDER, c.normalization().colorOrder().name().toLowerCase(Locale.ROOT));
        p.put(MetadataKeys.MEAN, join(c.normalization().mean()));
        p.put(MetadataKeys.STD, join(c.normalization().std()));
        p.put(MetadataKeys.SCALE, Double.toString(c.normalization().scale()));
        p.put(MetadataKeys.INPUT_SIZE, c.inputHeight() + "x" + c.inputWidth());
        p.put(MetadataKeys.OUTPUT_STRIDE, Integer.toString(c.outputStride()));
        p.put(MetadataKeys.LOGITS_UPSAMPLING, c.logitsUpsampling().onnxName());
        p.put(MetadataKeys.INPUT_RESIZE, c.inputResize().id());
        ModelOrigin o = origin;
        p.put(MetadataKeys.ARCHITECTURE, o.architecture());
        p.put(MetadataKeys.METHOD, o.method());
        p.put(MetadataKeys.SOURCE_DATASET, o.sourceDataset());
        p.put(MetadataKeys.TARGET_DATASET, o.targetDataset());
        p.put(MetadataKeys.ITERATION, Long.toString(o.iteration()));
        p.put(MetadataKeys.VAL_MIOU, o.valMiou().isPresent() ? Double.toString(o.valMiou().getAsDouble()) : "");
        p.put(MetadataKeys.PROVENANCE, o.provenanceJson());
        checks.parity().ifPresent(f -> {
            p.put(MetadataKeys.PARITY_PRECISION, f.precision());
            p.put(MetadataKeys.PARITY_AGREEMENT, Double.toString(f.agreement()));
            p.put(MetadataKeys.PARITY_MAX_ABS_DLOGIT, Double.toString(f.maxAbsDlogit()));
            p.put(MetadataKeys.PARITY_MIN_AGREEMENT, Double.toString(f.minAgreement()));
            p.put(MetadataKeys.PARITY_CHECKED_ON, f.checkedOn());
        });
        checks.float16Range().ifPresent(r -> p.put(MetadataKeys.FP16_RANGE, r.toProperty()));
        checks.int8().ifPresent(q -> p.put(MetadataKeys.INT8, q.toProperty()));
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
        ModelContract contract = new ModelContract(labels, norm, size[0], size[1], stride, r.upsampling(),
                r.inputResize());
        ModelOrigin origin = new ModelOrigin(r.required(MetadataKeys.ARCHITECTURE), r.optional(MetadataKeys.METHOD),
                r.optional(MetadataKeys.SOURCE_DATASET), r.optional(MetadataKeys.TARGET_DATASET), iteration,
                r.optional(MetadataKeys.VAL_MIOU).isEmpty() ? OptionalDouble.empty()
                        : OptionalDouble.of(r.number(MetadataKeys.VAL_MIOU)),
                r.optional(MetadataKeys.PROVENANCE).isEmpty() ? "{}" : r.optional(MetadataKeys.PROVENANCE));
        return new ModelMetadata(contract, origin, new ModelChecks(parity(what, r), float16Range(what, r), int8(what, r)));
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
