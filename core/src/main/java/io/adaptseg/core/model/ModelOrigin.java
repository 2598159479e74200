package io.adaptseg.core.model;

import java.util.OptionalDouble;

/**
 * Where a model came from: its network, how it was trained and on what, and the full provenance record.
 * Nothing here changes how the runtime runs it; {@code info} and the prediction summary print it.
 *
 * @param method the training method, or "imported" for a model made from a weight file
 * @param iteration training iteration the weights come from
 * @param valMiou validation mIoU in percent, empty when the model was never validated
 * @param provenanceJson the provenance record as JSON
 */
public record ModelOrigin(String architecture, String method, String sourceDataset, String targetDataset,
                          long iteration, OptionalDouble valMiou, String provenanceJson) {
    public ModelOrigin {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration must be >= 0, found " + iteration);
        }
        valMiou = valMiou == null ? OptionalDouble.empty() : valMiou;
    }

    /** The same origin with another provenance record (export adds its own to the training one). */
    public ModelOrigin withProvenance(String json) {
        return new ModelOrigin(architecture, method, sourceDataset, targetDataset, iteration, valMiou, json);
    }
}
