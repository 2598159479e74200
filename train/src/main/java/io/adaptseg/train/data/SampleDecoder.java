package io.adaptseg.train.data;

import io.adaptseg.core.AdaptsegException;

/**
 * Reads one sample of a dataset (image and labels converted to trainIds); called from worker
 * threads, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface SampleDecoder<S> {
    DecodedSample decode(S sample) throws AdaptsegException;
}
