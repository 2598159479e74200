package io.adaptseg.train.weights.torch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The checked-in torch.save fixtures (written by scripts/fixtures/torch_checkpoint_fixtures.py, gzipped):
 * {@link #unpack} writes one back as the exact bytes torch.save produced.
 */
public final class TorchFixtures {
    private TorchFixtures() {
    }

    /** Gunzips fixture {@code name} (e.g. {@code maxsquare-multi.pth}) into {@code dir}; returns its path. */
    public static Path unpack(String name, Path dir) {
        String resource = "/io/adaptseg/train/weights/torch/" + name + ".gz";
        try (InputStream raw = TorchFixtures.class.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            Path out = dir.resolve(name);
            try (InputStream in = new GZIPInputStream(raw)) {
                Files.write(out, in.readAllBytes());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
