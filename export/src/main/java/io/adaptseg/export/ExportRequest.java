package io.adaptseg.export;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.export.calibration.CalibrationImages;
import io.adaptseg.export.int8.Int8Options;
import io.adaptseg.export.parity.LabelledDataset;
import io.adaptseg.train.model.Segmenter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One export for {@link ExportGate#export}: the network, its contract, what it came from, how to export it
 * and where to, with the optional parts (a labelled dataset to prove parity on as well, images for the
 * float16 range check, int8 quantisation) and whether parity is checked at all. Start from {@link #of} and
 * add parts with the {@code with…} copies.
 *
 * @param source what the network came from, for the parity report (checkpoint or weight file)
 * @param data a labelled dataset to compare on as well
 * @param fp16Check calibration images for the float16 range check, measured on the float32 graph a float16
 *     export converts
 * @param int8 the int8 quantisation; empty for a float model
 * @param checkParity false to skip the check (the outcome warns)
 */
public record ExportRequest(Segmenter segmenter, ModelMetadata metadata, String source, ExportOptions options,
                            Path target, Optional<LabelledDataset> data, Optional<CalibrationImages> fp16Check,
                            Optional<Int8Options> int8, boolean checkParity) {
    public ExportRequest {
        Objects.requireNonNull(segmenter, "segmenter");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(target, "target");
        data = Objects.requireNonNullElse(data, Optional.empty());
        fp16Check = Objects.requireNonNullElse(fp16Check, Optional.empty());
        int8 = Objects.requireNonNullElse(int8, Optional.empty());
        if (int8.isPresent() && options.float16()) {
            throw new IllegalArgumentException("an export is either int8 or float16, not both");
        }
    }

    /** A float export proven on random inputs, with nothing optional. */
    public static ExportRequest of(Segmenter segmenter, ModelMetadata metadata, String source, ExportOptions options,
                                   Path target) {
        return new ExportRequest(segmenter, metadata, source, options, target, Optional.empty(), Optional.empty(),
                Optional.empty(), true);
    }

    /** The same export of a training checkpoint, with the checkpoint's own contract. */
    public static ExportRequest of(TrainedModel trained, ExportOptions options, Path target)
            throws AdaptsegException {
        return of(trained.segmenter(), trained.metadata(options), trained.checkpoint().toString(), options, target);
    }

    /** The same export of a weight file, with the import's contract. */
    public static ExportRequest of(ImportedModel imported, ExportOptions options, Path target) {
        return of(imported.segmenter(), imported.metadata(options), imported.weights().toString(), options, target);
    }

    /** The same proven on {@code value} as well; null for none. */
    public ExportRequest withData(LabelledDataset value) {
        return new ExportRequest(segmenter, metadata, source, options, target, Optional.ofNullable(value), fp16Check,
                int8, checkParity);
    }

    /** The same with the float16 range measured on {@code value}; null for none. */
    public ExportRequest withFp16Check(CalibrationImages value) {
        return new ExportRequest(segmenter, metadata, source, options, target, data, Optional.ofNullable(value), int8,
                checkParity);
    }

    /** The same quantised to int8 as {@code value} says; null for a float model. */
    public ExportRequest withInt8(Int8Options value) {
        return new ExportRequest(segmenter, metadata, source, options, target, data, fp16Check,
                Optional.ofNullable(value), checkParity);
    }

    /** The same with parity checked or not. */
    public ExportRequest withParity(boolean value) {
        return new ExportRequest(segmenter, metadata, source, options, target, data, fp16Check, int8, value);
    }
}
