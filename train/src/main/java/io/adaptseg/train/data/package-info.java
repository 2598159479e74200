/**
 * Training data: decoding samples on worker threads, resizing (labels nearest), random mirror /
 * scale / crop (or CLAN's image-only scale, {@link io.adaptseg.train.data.ScaleMode}), normalisation
 * from the segmenter's {@code Normalization}, and endless reshuffling
 * batch streams whose order and augmentation are a pure function of (seed, position), so that a
 * resumed run sees exactly the batches the uninterrupted run would have seen; a labelled stream may mix
 * several source domains ({@link io.adaptseg.train.data.DomainMixture}), drawn per sample by weight.
 */
package io.adaptseg.train.data;
