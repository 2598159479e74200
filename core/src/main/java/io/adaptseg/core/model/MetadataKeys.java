package io.adaptseg.core.model;

/**
 * The {@code metadata_props} keys of an exported adaptseg ONNX model. The exporter writes them and
 * the runtime reads them; a model without {@link #FORMAT_VERSION} is not an adaptseg model.
 */
public final class MetadataKeys {
    private MetadataKeys() {
    }

    public static final String PREFIX = "adaptseg.";
    /** Integer; bumped when the contract changes. */
    public static final String FORMAT_VERSION = PREFIX + "format_version";
    /** Comma-separated class names in output-channel order. */
    public static final String CLASS_NAMES = PREFIX + "class_names";
    /** {@link io.adaptseg.core.labels.LabelSet#id()}: cityscapes19, synthia16, synthia13. */
    public static final String LABEL_SET = PREFIX + "label_set";
    /** "rgb" or "bgr". */
    public static final String COLOR_ORDER = PREFIX + "color_order";
    /** Three comma-separated numbers, in the model's channel order. */
    public static final String MEAN = PREFIX + "mean";
    public static final String STD = PREFIX + "std";
    /** Multiplier applied to 0..255 values before the mean is subtracted. */
    public static final String SCALE = PREFIX + "scale";
    /** "HxW" the model was trained at (e.g. 512x1024); the runtime resizes inputs to it. */
    public static final String INPUT_SIZE = PREFIX + "input_size";
    public static final String OUTPUT_STRIDE = PREFIX + "output_stride";
    /**
     * "half_pixel" or "align_corners": how the network's logits are upsampled to the image
     * ({@link io.adaptseg.core.resample.Convention#onnxName()}); absent means half_pixel.
     */
    public static final String LOGITS_UPSAMPLING = PREFIX + "logits_upsampling";
    /**
     * "bilinear", "bicubic" or "pil-bilinear" ({@link io.adaptseg.core.resample.ImageResize#id()}): how
     * the images the network was trained with were resized to its input, so the runtime resizes the same
     * way; absent means bilinear (what the runtime did before the key existed).
     */
    public static final String INPUT_RESIZE = PREFIX + "input_resize";
    public static final String ARCHITECTURE = PREFIX + "architecture";
    public static final String METHOD = PREFIX + "method";
    public static final String SOURCE_DATASET = PREFIX + "source_dataset";
    public static final String TARGET_DATASET = PREFIX + "target_dataset";
    public static final String ITERATION = PREFIX + "iteration";
    /** Validation mIoU in percent, or empty when never validated. */
    public static final String VAL_MIOU = PREFIX + "val_miou";
    /** JSON: config, versions, git commit, JVM and OS. */
    public static final String PROVENANCE = PREFIX + "provenance";

    /**
     * Parity proven at export ({@link ParityFigures}); all absent when the export skipped it
     * ({@code --no-parity}) or predates the check.
     */
    public static final String PARITY_PRECISION = PREFIX + "parity.precision";
    /** Lowest argmax agreement, a fraction. */
    public static final String PARITY_AGREEMENT = PREFIX + "parity.agreement";
    public static final String PARITY_MAX_ABS_DLOGIT = PREFIX + "parity.max_abs_dlogit";
    /** The agreement threshold that was applied, a fraction. */
    public static final String PARITY_MIN_AGREEMENT = PREFIX + "parity.min_agreement";
    public static final String PARITY_CHECKED_ON = PREFIX + "parity.checked_on";

    /**
     * The float16 range check on the float32 model ({@link Float16Range#toProperty()}); absent when the
     * export ran none ({@code export --fp16-check DIR}).
     */
    public static final String FP16_RANGE = PREFIX + "fp16_range";

    /**
     * How an int8 model was quantised ({@link Int8Calibration#toProperty()}); absent for float models
     * ({@code export --int8}).
     */
    public static final String INT8 = PREFIX + "int8";

    /** The contract version this code writes and reads. */
    public static final int CURRENT_FORMAT_VERSION = 1;
}
