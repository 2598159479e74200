package io.adaptseg.train.weights.torch;

import java.util.List;

/**
 * The tensors of a PyTorch checkpoint's state dict, in file order, and how they were found.
 *
 * @param format {@code zip} (torch.save since 1.6) or {@code legacy} (the pickle stream of older versions)
 * @param notes what the reader decided, one phrase each: where the state dict sat in the file
 *     ({@code under 'state_dict'}), a removed {@code module.} prefix, dropped non-tensor entries
 */
public record TorchStateDict(String format, List<TorchTensor> tensors, List<String> notes) {
    public TorchStateDict {
        tensors = List.copyOf(tensors);
        notes = List.copyOf(notes);
    }
}
