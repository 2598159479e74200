package io.adaptseg.runtime;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.MetadataKeys;
import io.adaptseg.core.model.Normalization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What an adaptseg model says about itself in its {@code adaptseg.*} metadata: everything the runtime
 * needs to pre- and post-process (label set, class names, normalisation, training input size,
 * stride) and where it came from (method, datasets, iteration, validation mIoU, provenance JSON).
 */
public record ModelInfo(Path file, int formatVersion, LabelSet labelSet, List<String> classNames,
                        Normalization normalization, int inputHeight, int inputWidth, int outputStride,
                        String architecture, String method, String sourceDataset, String targetDataset,
                        long iteration, OptionalDouble valMiou, String provenance) {
    public ModelInfo {
        classNames = List.copyOf(classNames);
    }

    /** Number of output classes. */
    public int classes() {
        return classNames.size();
    }

    /**
     * Parses the metadata of {@code file}.
     *
     * @throws AdaptsegException naming the file and the key when the model is not an adaptseg model
     *     or a value is malformed
     */
    public static ModelInfo parse(Path file, Map<String, String> metadata) throws AdaptsegException {
        if (!metadata.containsKey(MetadataKeys.FORMAT_VERSION)) {
            throw new AdaptsegException(file + ": not an adaptseg model (no " + MetadataKeys.FORMAT_VERSION
                    + " in its metadata; export models with 'adaptseg export', which writes the preprocessing"
                    + " contract the runtime needs)");
        }
        Reader r = new Reader(file, metadata);
        int version = r.integer(MetadataKeys.FORMAT_VERSION);
        if (version != MetadataKeys.CURRENT_FORMAT_VERSION) {
            throw new AdaptsegException(file + ": model format version " + version + " is not supported; this runtime reads "
                    + MetadataKeys.CURRENT_FORMAT_VERSION);
        }
        LabelSet labels;
        try {
            labels = LabelSet.byId(r.required(MetadataKeys.LABEL_SET));
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(file + ": " + MetadataKeys.LABEL_SET + ": " + e.getMessage());
        }
        List<String> names = Arrays.stream(r.required(MetadataKeys.CLASS_NAMES).split(",")).map(String::trim).toList();
        if (names.size() != labels.size()) {
            throw new AdaptsegException(file + ": " + MetadataKeys.CLASS_NAMES + " has " + names.size()
                    + " names but label set " + labels.id() + " has " + labels.size() + " classes");
        }
        Normalization norm;
        try {
            norm = new Normalization(Normalization.ColorOrder.parse(r.required(MetadataKeys.COLOR_ORDER)),
                    r.number(MetadataKeys.SCALE), r.triple(MetadataKeys.MEAN), r.triple(MetadataKeys.STD));
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(file + ": bad normalisation metadata: " + e.getMessage());
        }
        String size = r.required(MetadataKeys.INPUT_SIZE);
        String[] hw = size.toLowerCase(java.util.Locale.ROOT).split("x");
        int height;
        int width;
        try {
            height = Integer.parseInt(hw[0].trim());
            width = Integer.parseInt(hw[1].trim());
        } catch (RuntimeException e) {
            throw new AdaptsegException(file + ": " + MetadataKeys.INPUT_SIZE + " must be HxW, found '" + size + "'");
        }
        if (hw.length != 2 || height <= 0 || width <= 0) {
            throw new AdaptsegException(file + ": " + MetadataKeys.INPUT_SIZE + " must be HxW, found '" + size + "'");
        }
        String miou = metadata.getOrDefault(MetadataKeys.VAL_MIOU, "").trim();
        return new ModelInfo(file, version, labels, names, norm, height, width, r.integer(MetadataKeys.OUTPUT_STRIDE),
                metadata.getOrDefault(MetadataKeys.ARCHITECTURE, ""), metadata.getOrDefault(MetadataKeys.METHOD, ""),
                metadata.getOrDefault(MetadataKeys.SOURCE_DATASET, ""), metadata.getOrDefault(MetadataKeys.TARGET_DATASET, ""),
                metadata.containsKey(MetadataKeys.ITERATION) ? r.integer(MetadataKeys.ITERATION) : -1,
                miou.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(r.number(MetadataKeys.VAL_MIOU)),
                metadata.getOrDefault(MetadataKeys.PROVENANCE, ""));
    }

    private record Reader(Path file, Map<String, String> metadata) {
        String required(String key) throws AdaptsegException {
            String v = metadata.get(key);
            if (v == null || v.isBlank()) {
                throw new AdaptsegException(file + ": adaptseg metadata key " + key + " is missing");
            }
            return v.trim();
        }

        int integer(String key) throws AdaptsegException {
            String v = required(key);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new AdaptsegException(file + ": " + key + " must be an integer, found '" + v + "'");
            }
        }

        double number(String key) throws AdaptsegException {
            String v = required(key);
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new AdaptsegException(file + ": " + key + " must be a number, found '" + v + "'");
            }
        }

        double[] triple(String key) throws AdaptsegException {
            String v = required(key);
            String[] parts = v.split(",");
            if (parts.length != 3) {
                throw new AdaptsegException(file + ": " + key + " needs 3 comma-separated numbers, found '" + v + "'");
            }
            double[] out = new double[3];
            for (int i = 0; i < 3; i++) {
                try {
                    out[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new AdaptsegException(file + ": " + key + " needs 3 comma-separated numbers, found '" + v + "'");
                }
            }
            return out;
        }
    }
}
