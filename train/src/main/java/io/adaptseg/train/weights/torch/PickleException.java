package io.adaptseg.train.weights.torch;

/**
 * A pickle stream this reader will not or cannot interpret: an opcode outside the subset state dicts
 * use, a global that is not on the allow list, or a truncated stream. {@link TorchFiles} turns it into
 * an {@link io.adaptseg.core.AdaptsegException} naming the file.
 */
public final class PickleException extends Exception {
    PickleException(String message) {
        super(message);
    }
}
