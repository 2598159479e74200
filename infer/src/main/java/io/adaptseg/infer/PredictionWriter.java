package io.adaptseg.infer;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.CityscapesClass;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.labels.IdMaps;
import io.adaptseg.runtime.pipeline.PredictionSink;
import io.adaptseg.runtime.predict.Prediction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes the requested {@link OutputFormat}s of each prediction, every file atomically (so an output
 * that exists is complete, which is what {@code --resume} relies on). Thread-safe: it keeps no
 * per-image state.
 */
public final class PredictionWriter implements PredictionSink {
    private static final int[] LABEL_IDS = IdMaps.TRAINID_TO_LABELID.table();
    private static final int[] COLORS = colors();

    private final Path outRoot;
    private final Set<OutputFormat> formats;
    private final Map<Path, PredictInput> inputs;

    /**
     * @param inputs the inputs by image path, to find each prediction's output folder
     */
    public PredictionWriter(Path outRoot, Set<OutputFormat> formats, Map<Path, PredictInput> inputs) {
        this.outRoot = outRoot;
        // in the enum's order, not Set.copyOf's per-JVM order: when one output fails (a name too long, a full
        // disk) the label files before it are written the same way in every run
        this.formats = formats.isEmpty() ? EnumSet.noneOf(OutputFormat.class) : EnumSet.copyOf(formats);
        this.inputs = Map.copyOf(inputs);
    }

    @Override
    public void accept(Path source, RgbImage image, Prediction prediction) throws IOException, AdaptsegException {
        PredictInput input = inputs.get(source);
        if (input == null) {
            throw new IllegalStateException("prediction for an unknown input " + source);
        }
        LabelImage trainIds = prediction.trainIds();
        for (OutputFormat format : formats) {
            Path file = input.output(outRoot, format);
            try {
                switch (format) {
                    case TRAINID -> PngCodec.writeLabels8(file, trainIds);
                    case LABELID -> PngCodec.writeLabels8(file, labelIds(trainIds));
                    case COLOR -> PngCodec.writeRgb(file, colorize(trainIds));
                    case OVERLAY -> PngCodec.writeRgb(file, overlay(image, colorize(trainIds)));
                }
            } catch (IOException e) {
                // the summary names the input; say which output failed and why (disk full, permissions)
                int nameBytes = file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
                if (nameBytes > AtomicFiles.NAME_MAX_BYTES) {
                    // the input's name was legal; the format's suffix made the output's too long
                    throw new AdaptsegException("cannot write " + file + ": its name is " + nameBytes + " bytes, over the "
                            + AtomicFiles.NAME_MAX_BYTES + "-byte limit of a file name (the input's name plus the"
                            + " format's suffix); shorten the input's name", e);
                }
                throw new AdaptsegException("cannot write " + file + " (" + OutputPaths.reason(e) + ")", e);
            }
        }
    }

    /** TrainIds to Cityscapes labelIds (ignore → 0, "unlabeled"). */
    public static LabelImage labelIds(LabelImage trainIds) {
        int[] in = trainIds.values();
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = LABEL_IDS[in[i]];
        }
        return new LabelImage(trainIds.width(), trainIds.height(), out);
    }

    /** TrainIds in the Cityscapes palette; ignore and unknown values are black. */
    public static RgbImage colorize(LabelImage trainIds) {
        int[] in = trainIds.values();
        byte[] rgb = new byte[in.length * 3];
        for (int i = 0; i < in.length; i++) {
            int c = COLORS[in[i] & 0xff];
            rgb[3 * i] = (byte) (c >> 16);
            rgb[3 * i + 1] = (byte) (c >> 8);
            rgb[3 * i + 2] = (byte) c;
        }
        return new RgbImage(trainIds.width(), trainIds.height(), rgb);
    }

    /** The colours blended half-and-half over the image (same size). */
    public static RgbImage overlay(RgbImage image, RgbImage colors) {
        if (image.width() != colors.width() || image.height() != colors.height()) {
            throw new IllegalArgumentException("overlay of " + colors.sizeString() + " colours on a " + image.sizeString() + " image");
        }
        byte[] a = image.rgb();
        byte[] b = colors.rgb();
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (((a[i] & 0xff) + (b[i] & 0xff) + 1) >> 1);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    private static int[] colors() {
        int[] table = new int[256];
        for (CityscapesClass c : CityscapesClass.values()) {
            table[c.trainId()] = c.rgb();
        }
        return table;
    }
}
