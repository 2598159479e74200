package io.adaptseg.train.weights.torch;

/**
 * A storage a pickle refers to by persistent id: its key (the zip entry {@code data/<key>}, or the
 * position in a legacy file), element type, size in elements, and for legacy views the element offset
 * into the root storage.
 */
record StorageRef(String key, StorageType type, long numel, long viewOffset) {
}
