package io.adaptseg.train.weights;

import ai.djl.ndarray.NDList;
import io.adaptseg.core.AdaptsegException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Weight file formats, chosen by file extension. */
public enum WeightFormat {
    NPZ(List.of(".npz"), NDList.Encoding.NPZ),
    SAFETENSORS(List.of(".safetensors"), NDList.Encoding.SAFETENSORS),
    /** {@code torch.save} files (zip or legacy); read only. CAG_UDA names its checkpoints {@code .pkl}. */
    TORCH(List.of(".pth", ".pt", ".pkl", ".pth.tar"), null);

    private final List<String> extensions;
    private final NDList.Encoding encoding;

    WeightFormat(List<String> extensions, NDList.Encoding encoding) {
        this.extensions = extensions;
        this.encoding = encoding;
    }

    /** DJL's encoding, for the formats adaptseg writes. */
    NDList.Encoding encoding(Path file) throws AdaptsegException {
        if (encoding == null) {
            throw new AdaptsegException(file + ": adaptseg reads PyTorch files but does not write them; write .npz or"
                    + " .safetensors");
        }
        return encoding;
    }

    /** The format of {@code file} from its extension. */
    public static WeightFormat of(Path file) throws AdaptsegException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (WeightFormat f : values()) {
            for (String ext : f.extensions) {
                if (name.endsWith(ext)) {
                    return f;
                }
            }
        }
        throw new AdaptsegException(file + ": unsupported weight file type, expected .pth, .pt, .pkl (PyTorch), .npz or"
                + " .safetensors");
    }
}
