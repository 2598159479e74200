package io.adaptseg.train.weights.torch;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it, before its storage bytes are read:
 * the storage, the element offset into it, the size and the strides (in elements).
 */
record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
    long numel() {
        long n = 1;
        for (long s : size) {
            n *= s;
        }
        return n;
    }
}
