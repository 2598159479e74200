/**
 * Dataset layouts on disk (Cityscapes, GTA5, SYNTHIA-RAND-CITYSCAPES, plain image folders and the
 * reference repos' list files) listed as {@link io.adaptseg.core.dataset.Sample}s, which are paths,
 * never pixels; the pairing of images with labels, which reports every unpaired file; and the
 * per-dataset decoding of label files to trainIds.
 */
package io.adaptseg.core.dataset;
