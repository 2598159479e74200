package io.adaptseg.spark;

import java.io.Serializable;

/**
 * A deliberate task failure, to check that a cluster's retries give complete outputs: the first
 * attempt of partition {@code partition} writes {@code afterImages} images, leaves a partial
 * temporary file as a killed write would, and throws. Later attempts run normally.
 */
public record FaultInjection(int partition, int afterImages) implements Serializable {
    public FaultInjection {
        if (partition < 0 || afterImages < 0) {
            throw new IllegalArgumentException("partition and afterImages must be >= 0, found " + partition + ", " + afterImages);
        }
    }
}
