package io.adaptseg.runtime.pipeline;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.image.PngCodec;
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

    /** PNG files decoded by {@link PngCodec}, each refused before decoding when its header is over {@code budget}. */
    static ImageSource png(PixelBudget budget) {
        return file -> PngCodec.readRgb(file, budget);
    }
}
