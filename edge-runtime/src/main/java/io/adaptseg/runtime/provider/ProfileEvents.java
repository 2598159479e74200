package io.adaptseg.runtime.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Reads an ONNX Runtime profile: a Chrome trace, a JSON array of events. */
public final class ProfileEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileEvents() {
    }

    /** @throws IOException naming the file when it is not such a profile */
    public static JsonNode read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not an ONNX Runtime profile (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": not an ONNX Runtime profile (expected a JSON array of events)");
        }
        return root;
    }
}
