package io.adaptseg.core.model;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Typed reads of {@code adaptseg.*} metadata values, each failure a message naming the model file,
 * the key and the value found. Only {@link ModelMetadata#fromProperties} uses it.
 */
record MetadataReader(String what, Map<String, String> metadata) {

    String optional(String key) {
        String v = metadata.get(key);
        return v == null ? "" : v.trim();
    }

    String required(String key) throws AdaptsegException {
        String v = optional(key);
        if (v.isEmpty()) {
            throw new AdaptsegException(what + ": adaptseg metadata key " + key + " is missing");
        }
        return v;
    }

    int integer(String key) throws AdaptsegException {
        return parsed(key, Integer::valueOf, "an integer");
    }

    double number(String key) throws AdaptsegException {
        return parsed(key, Double::valueOf, "a number");
    }

    /** The required value parsed by {@code parse}; a value it refuses is reported as not being {@code kind}. */
    private <T> T parsed(String key, Function<String, T> parse, String kind) throws AdaptsegException {
        String v = required(key);
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw new AdaptsegException(what + ": " + key + " must be " + kind + ", found '" + v + "'");
        }
    }

    double[] triple(String key) throws AdaptsegException {
        String v = required(key);
        String[] parts = v.split(",", -1);
        if (parts.length != 3) {
            throw new AdaptsegException(what + ": " + key + " needs 3 comma-separated numbers, found '" + v + "'");
        }
        try {
            return Arrays.stream(parts).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new AdaptsegException(what + ": " + key + " needs 3 comma-separated numbers, found '" + v + "'");
        }
    }

    /** "HxW" as {height, width}, both positive. */
    int[] heightWidth(String key) throws AdaptsegException {
        String v = required(key);
        String[] hw = v.toLowerCase(Locale.ROOT).split("x", -1);
        try {
            if (hw.length == 2) {
                int h = Integer.parseInt(hw[0].trim());
                int w = Integer.parseInt(hw[1].trim());
                if (h > 0 && w > 0) {
                    return new int[] {h, w};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new AdaptsegException(what + ": " + key + " must be HxW with positive numbers, found '" + v + "'");
    }

    /** The label set, checked against the class names the model also lists. */
    LabelSet labelSet() throws AdaptsegException {
        LabelSet labels;
        try {
            labels = LabelSet.byId(required(MetadataKeys.LABEL_SET));
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(what + ": " + MetadataKeys.LABEL_SET + ": " + e.getMessage());
        }
        List<String> names = Arrays.stream(required(MetadataKeys.CLASS_NAMES).split(",", -1)).map(String::trim).toList();
        if (!names.equals(labels.names())) {
            throw new AdaptsegException(what + ": " + MetadataKeys.CLASS_NAMES + " " + names
                    + " do not match label set " + labels.id() + " " + labels.names());
        }
        return labels;
    }

    Normalization normalization() throws AdaptsegException {
        try {
            return new Normalization(Normalization.ColorOrder.parse(required(MetadataKeys.COLOR_ORDER)),
                    number(MetadataKeys.SCALE), triple(MetadataKeys.MEAN), triple(MetadataKeys.STD));
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(what + ": bad normalisation metadata: " + e.getMessage());
        }
    }

    /** The logits upsampling convention; half-pixel when the key is absent (models written before it). */
    Convention upsampling() throws AdaptsegException {
        String v = optional(MetadataKeys.LOGITS_UPSAMPLING);
        if (v.isEmpty()) {
            return Convention.HALF_PIXEL;
        }
        return Convention.byOnnxName(v).orElseThrow(() -> new AdaptsegException(what + ": "
                + MetadataKeys.LOGITS_UPSAMPLING + " must be one of " + Arrays.stream(Convention.values())
                .map(Convention::onnxName).toList() + ", found '" + v + "'"));
    }

    /** The input image resize; bilinear when the key is absent (models written before it). */
    ImageResize inputResize() throws AdaptsegException {
        String v = optional(MetadataKeys.INPUT_RESIZE);
        if (v.isEmpty()) {
            return ImageResize.BILINEAR;
        }
        return ImageResize.byId(v).orElseThrow(() -> new AdaptsegException(what + ": " + MetadataKeys.INPUT_RESIZE
                + " must be one of " + ImageResize.ids() + ", found '" + v + "'"));
    }
}
