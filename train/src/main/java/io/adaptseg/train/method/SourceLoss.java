package io.adaptseg.train.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.SequencedMap;

/**
 * A method's supervised loss on the labelled source, for {@link SingleSegmenterMethod#sourceStep}: its
 * logged terms (each a scalar, by loss name, in log-line order) and the one that is back-propagated.
 * The terms are computed a second time on detached predictions for the per-domain columns of a mixed
 * source ({@link SourceDomainLosses}), so {@link #terms} must not change anything.
 */
interface SourceLoss {
    /** The named loss terms of every head's upsampled logits (in {@code Segmenter.heads()} order) against labels. */
    SequencedMap<String, NDArray> terms(NDList upsampled, NDArray labels);

    /** What is back-propagated, from {@link #terms}. */
    NDArray total(SequencedMap<String, NDArray> terms);
}
