package io.adaptseg.export.metadata;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.MetadataKeys;
import io.adaptseg.core.model.Normalization;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The metadata an adaptseg ONNX model carries, as a value: written by the exporter into
 * {@code metadata_props} and read back by parity (and, through the same keys, by the runtime).
 *
 * @param inputHeight training input height (the runtime resizes inputs to it)
 * @param valMiou validation mIoU in percent, empty when the model was never validated
 * @param provenanceJson the provenance record as JSON ({@link Provenance#toJson()})
 */
public record ModelMetadata(LabelSet labelSet, Normalization normalization, int inputHeight, int inputWidth,
                            int outputStride, String architecture, String method, String sourceDataset,
                            String targetDataset, long iteration, OptionalDouble valMiou, String provenanceJson) {

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
        p.put(MetadataKeys.ARCHITECTURE, architecture);
        p.put(MetadataKeys.METHOD, method);
        p.put(MetadataKeys.SOURCE_DATASET, sourceDataset);
        p.put(MetadataKeys.TARGET_DATASET, targetDataset);
        p.put(MetadataKeys.ITERATION, Long.toString(iteration));
        p.put(MetadataKeys.VAL_MIOU, valMiou.isPresent() ? Double.toString(valMiou.getAsDouble()) : "");
        p.put(MetadataKeys.PROVENANCE, provenanceJson);
        return p;
    }

    private static String join(double[] values) {
        return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    /**
     * Reads the metadata of a model file.
     *
     * @param what the file, for messages
     * @throws AdaptsegException naming the file and the key when it is not an adaptseg model or a value is bad
     */
    public static ModelMetadata fromProperties(String what, Map<String, String> p) throws AdaptsegException {
        String version = p.get(MetadataKeys.FORMAT_VERSION);
        if (version == null) {
            throw new AdaptsegException(what + ": not an adaptseg model (no " + MetadataKeys.FORMAT_VERSION
                    + " in its metadata; found keys " + p.keySet() + ")");
        }
        if (!version.equals(Integer.toString(MetadataKeys.CURRENT_FORMAT_VERSION))) {
            throw new AdaptsegException(what + ": " + MetadataKeys.FORMAT_VERSION + " is " + version
                    + ", this adaptseg reads " + MetadataKeys.CURRENT_FORMAT_VERSION);
        }
        try {
            LabelSet labelSet = LabelSet.byId(require(what, p, MetadataKeys.LABEL_SET));
            List<String> names = List.of(require(what, p, MetadataKeys.CLASS_NAMES).split(",", -1));
            if (!names.equals(labelSet.names())) {
                throw new AdaptsegException(what + ": " + MetadataKeys.CLASS_NAMES + " " + names
                        + " do not match label set " + labelSet.id() + " " + labelSet.names());
            }
            Normalization norm = new Normalization(
                    Normalization.ColorOrder.parse(require(what, p, MetadataKeys.COLOR_ORDER)),
                    Double.parseDouble(require(what, p, MetadataKeys.SCALE)),
                    triple(what, p, MetadataKeys.MEAN), triple(what, p, MetadataKeys.STD));
            String[] size = require(what, p, MetadataKeys.INPUT_SIZE).split("x", -1);
            if (size.length != 2) {
                throw new AdaptsegException(what + ": " + MetadataKeys.INPUT_SIZE + " must be HxW, found "
                        + p.get(MetadataKeys.INPUT_SIZE));
            }
            String miou = p.getOrDefault(MetadataKeys.VAL_MIOU, "");
            return new ModelMetadata(labelSet, norm, Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                    Integer.parseInt(require(what, p, MetadataKeys.OUTPUT_STRIDE)),
                    require(what, p, MetadataKeys.ARCHITECTURE), p.getOrDefault(MetadataKeys.METHOD, ""),
                    p.getOrDefault(MetadataKeys.SOURCE_DATASET, ""), p.getOrDefault(MetadataKeys.TARGET_DATASET, ""),
                    Long.parseLong(p.getOrDefault(MetadataKeys.ITERATION, "0")),
                    miou.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(miou)),
                    p.getOrDefault(MetadataKeys.PROVENANCE, "{}"));
        } catch (IllegalArgumentException e) {
            // NumberFormatException included: a malformed value, named by the parser's message
            throw new AdaptsegException(what + ": bad adaptseg metadata: " + e.getMessage(), e);
        }
    }

    private static String require(String what, Map<String, String> p, String key) throws AdaptsegException {
        String v = p.get(key);
        if (v == null || v.isEmpty()) {
            throw new AdaptsegException(what + ": metadata key " + key + " is missing");
        }
        return v;
    }

    private static double[] triple(String what, Map<String, String> p, String key) throws AdaptsegException {
        String[] parts = require(what, p, key).split(",", -1);
        if (parts.length != 3) {
            throw new AdaptsegException(what + ": " + key + " needs 3 comma-separated numbers, found "
                    + p.get(key));
        }
        return Arrays.stream(parts).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }
}
