package io.adaptseg.train.data;

import java.util.List;

/**
 * One dataset of a {@link BatchStream}: its samples in a fixed order and the decoder that reads
 * them. A labelled stream over several source domains (the source and, for example, a style-translated
 * copy of it) has one per domain, each in its own layout.
 *
 * @param name for messages and log columns, e.g. "source" or "source2"
 */
public record StreamDomain<S>(String name, List<S> samples, SampleDecoder<S> decoder) {
    public StreamDomain {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException(name + " dataset has no samples");
        }
        samples = List.copyOf(samples);
    }
}
