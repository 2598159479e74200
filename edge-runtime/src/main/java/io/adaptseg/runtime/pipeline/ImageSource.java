package io.adaptseg.runtime.pipeline;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.image.ImageFiles;
import io.adaptseg.core.image.RgbImage;
import java.nio.file.Path;

/**
 * How a {@link BatchPipeline} reader turns a file into pixels. Called from several reader threads at
 * once. The seam exists so that the decoder's limits are set per run and so that tests can make a
 * reader fail in every way a decoder can (exceptions and {@link Error}s alike).
 */
@FunctionalInterface
public interface ImageSource {
    RgbImage read(Path file) throws AdaptsegException;

    /**
     * PNG, JPEG and the other formats of {@link ImageFiles}, each refused before decoding when the
     * size in its header is over {@code budget}.
     */
    static ImageSource images(PixelBudget budget) {
        return file -> ImageFiles.readRgb(file, budget);
    }
}
