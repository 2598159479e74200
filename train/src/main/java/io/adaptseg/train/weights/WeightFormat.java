package io.adaptseg.train.weights;

import ai.djl.ndarray.NDList;
import io.adaptseg.core.AdaptsegException;
import java.nio.file.Path;
import java.util.Locale;

/** Weight file formats, chosen by file extension. */
public enum WeightFormat {
    NPZ(".npz", NDList.Encoding.NPZ),
    SAFETENSORS(".safetensors", NDList.Encoding.SAFETENSORS);

    private final String extension;
    private final NDList.Encoding encoding;

    WeightFormat(String extension, NDList.Encoding encoding) {
        this.extension = extension;
        this.encoding = encoding;
    }

    NDList.Encoding encoding() {
        return encoding;
    }

    /** The format of {@code file} from its extension. */
    public static WeightFormat of(Path file) throws AdaptsegException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (WeightFormat f : values()) {
            if (name.endsWith(f.extension)) {
                return f;
            }
        }
        throw new AdaptsegException(file + ": unsupported weight file type, expected .npz or .safetensors");
    }
}
