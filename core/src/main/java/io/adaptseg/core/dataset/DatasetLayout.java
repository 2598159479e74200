package io.adaptseg.core.dataset;

import io.adaptseg.core.AdaptsegException;
import java.util.List;
import java.util.Optional;

/** A dataset on disk, listed as samples (paths, never pixels) in a deterministic order. */
public interface DatasetLayout {
    /** What and where, for messages: e.g. "cityscapes val at /data/cityscapes". */
    String describe();

    /** How this dataset's label files become trainIds; empty for unlabelled layouts. */
    Optional<LabelDecoder> labelDecoder();

    /**
     * Lists the samples and every file that could not be paired.
     *
     * @throws AdaptsegException when a folder or list file is missing or nothing is found
     */
    PairingReport pair() throws AdaptsegException;

    /**
     * The samples, when every file is paired.
     *
     * @throws AdaptsegException naming every unpaired file, or the missing folder
     */
    default List<Sample> samples() throws AdaptsegException {
        return pair().requireComplete();
    }
}
