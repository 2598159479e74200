package io.adaptseg.infer;

import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.predict.PredictOptions;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code adaptseg predict} does: the model and how to run it, which files to write where,
 * whether to skip inputs whose outputs are complete, and whether scoring is required.
 *
 * @param requireScore fail when no input has ground truth (otherwise scoring runs whenever some do)
 * @param pixelBudget the largest image a reader decodes; larger ones fail before any allocation
 */
public record PredictSettings(Path model, BackendKind backend, BackendOptions backendOptions, PredictOptions predict,
        Set<OutputFormat> formats, Path out, boolean resume, boolean requireScore, PixelBudget pixelBudget) {
    public PredictSettings {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one output format is needed");
        }
        formats = Set.copyOf(EnumSet.copyOf(formats));
    }

    /** CPU, Java backend, whole images in batches of {@code batch}, trainId + labelId + colour files. */
    public static PredictSettings defaults(Path model, Path out, int batch) {
        return new PredictSettings(model, BackendKind.JAVA, BackendOptions.cpu(), PredictOptions.whole(batch),
                EnumSet.of(OutputFormat.TRAINID, OutputFormat.LABELID, OutputFormat.COLOR), out, false, false,
                PixelBudget.configured());
    }

    public PredictSettings withResume(boolean value) {
        return new PredictSettings(model, backend, backendOptions, predict, formats, out, value, requireScore, pixelBudget);
    }

    public PredictSettings withFormats(Set<OutputFormat> value) {
        return new PredictSettings(model, backend, backendOptions, predict, value, out, resume, requireScore, pixelBudget);
    }

    public PredictSettings withPixelBudget(PixelBudget value) {
        return new PredictSettings(model, backend, backendOptions, predict, formats, out, resume, requireScore, value);
    }
}
