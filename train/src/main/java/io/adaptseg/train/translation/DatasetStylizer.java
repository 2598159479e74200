package io.adaptseg.train.translation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.dataset.Sample;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.core.io.OutputPaths;
import io.adaptseg.core.progress.ProgressBar;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.Resampler;
import io.adaptseg.train.data.SplitMix64;
import io.adaptseg.train.translator.TranslatedImages;
import io.adaptseg.train.translator.Translator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Translates a labelled dataset into the style of another, keeping its layout: every content image
 * becomes {@code out/<its path below the content folder>} (translated, same size, 8-bit PNG clamped
 * by {@link TranslatedImages}), and its label file is copied byte for byte to its own relative path,
 * so {@code out} reads as a dataset of the same kind. Each content image gets one style image, drawn
 * from (seed, content index) alone, so a resumed or repeated run pairs the same images. Outputs are
 * written atomically; a content image whose outputs both exist is skipped (resume). The first
 * {@link SideBySide#ROWS} pairs are drawn into {@link #PREVIEW}.
 */
public final class DatasetStylizer {
    /** The side-by-side picture (content / style / result), written in the output folder. */
    public static final String PREVIEW = "stylize-side-by-side.png";

    private final Translator translator;
    private final NDManager manager;
    private final double alpha;
    private final long seed;

    /** What a run did. */
    public record Summary(int translated, int skipped, Path preview) {
    }

    public DatasetStylizer(Translator translator, NDManager manager, double alpha, long seed) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], found " + alpha);
        }
        this.translator = translator;
        this.manager = manager;
        this.alpha = alpha;
        this.seed = seed;
    }

    /** The style image of content image {@code index}: a seeded draw, independent of order and resume. */
    public static int styleIndex(long seed, int index, int styles) {
        return (int) Math.floorMod(SplitMix64.of(seed, index, 3).nextLong(), (long) styles);
    }

    /**
     * Translates {@code content} (samples of the dataset at {@code contentRoot}) with styles drawn from
     * {@code styles} into {@code out}.
     */
    public Summary run(Path contentRoot, List<Sample> content, List<Path> styles, Path out, PrintStream progress,
            boolean interactive) throws AdaptsegException {
        if (content.isEmpty()) {
            throw new AdaptsegException("--content: no images to translate in " + contentRoot);
        }
        if (styles.isEmpty()) {
            throw new AdaptsegException("--style: no style images to draw from");
        }
        OutputPaths.requireSeparate("--out", out, Map.of("--content", contentRoot));
        Path root = contentRoot.toAbsolutePath().normalize();
        ProgressBar bar = new ProgressBar(progress, interactive, 0, content.size(), ProgressBar.Rate.IMAGES_PER_SECOND);
        int translated = 0;
        int skipped = 0;
        SideBySide preview = new SideBySide();
        for (int i = 0; i < content.size(); i++) {
            Sample s = content.get(i);
            Path style = styles.get(styleIndex(seed, i, styles.size()));
            Path image = outputOf(root, s.image(), out);
            Path label = s.label().map(l -> outputOf(root, l, out)).orElse(null);
            boolean done = Files.isRegularFile(image) && (label == null || Files.isRegularFile(label));
            RgbImage result;
            if (done) {
                skipped++;
                result = i < SideBySide.ROWS ? PngCodec.readRgb(image) : null;
            } else {
                result = translate(PngCodec.readRgb(s.image()), PngCodec.readRgb(style));
                write(image, PngCodec.encodeRgb(result));
                if (label != null) {
                    copy(s.label().get(), label);
                }
                translated++;
            }
            if (i < SideBySide.ROWS) {
                preview.add(PngCodec.readRgb(s.image()), PngCodec.readRgb(style), result);
            }
            bar.step();
        }
        bar.finish();
        Path previewFile = out.resolve(PREVIEW);
        write(previewFile, PngCodec.encodeRgb(preview.image()));
        return new Summary(translated, skipped, previewFile);
    }

    /**
     * One content image in the style of one style image, at the content's size. The network runs at
     * the content size rounded up to a multiple of {@link Translator#STRIDE} (the style image resized
     * to the same), and the result is resized back.
     */
    public RgbImage translate(RgbImage content, RgbImage style) {
        int w = networkSize(content.width());
        int h = networkSize(content.height());
        try (NDManager scope = manager.newSubManager()) {
            NDArray c = tensor(scope, content, w, h);
            NDArray s = tensor(scope, style, w, h);
            NDArray y = translator.stylize(new ParameterStore(scope, false), c, s, alpha);
            long oh = y.getShape().get(2);
            long ow = y.getShape().get(3);
            RgbImage rgb = TranslatedImages.toRgb(y.toFloatArray(), 0, (int) ow, (int) oh);
            if (ow == content.width() && oh == content.height()) {
                return rgb;
            }
            return new RgbImage(content.width(), content.height(), Resampler.resizeRgb(rgb.rgb(), (int) ow, (int) oh,
                    content.width(), content.height(), Convention.HALF_PIXEL));
        }
    }

    /**
     * The size the network runs {@code v} at: a multiple of {@link Translator#STRIDE}, and at least two
     * strides, so that relu4_1 has at least 2x2 positions: at 1x1 neither the encoder's reflection
     * padding nor AdaIN's unbiased variance (it divides by {@code h*w - 1}) is defined, and an image of
     * 8x8 px or less would fail.
     */
    static int networkSize(int v) {
        return Math.max(2 * Translator.STRIDE, Math.ceilDiv(v, Translator.STRIDE) * Translator.STRIDE);
    }

    private static NDArray tensor(NDManager m, RgbImage img, int w, int h) {
        byte[] rgb = Resampler.resizeRgb(img.rgb(), img.width(), img.height(), w, h, Convention.HALF_PIXEL);
        float[] chw = new float[3 * w * h];
        Translator.NORMALIZATION.toChw(rgb, w * h, chw, 0);
        return m.create(chw, new Shape(1, 3, h, w));
    }

    /** {@code out} + the path of {@code file} below {@code root}; a file outside the root is an error. */
    static Path outputOf(Path root, Path file, Path out) {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            throw new IllegalArgumentException(file + " is not inside the content folder " + root);
        }
        return out.resolve(root.relativize(abs).toString());
    }

    private static void write(Path file, byte[] bytes) throws AdaptsegException {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new AdaptsegException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static void copy(Path from, Path to) throws AdaptsegException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(from);
        } catch (IOException e) {
            throw new AdaptsegException(from + ": cannot read label file (" + e.getMessage() + ")", e);
        }
        write(to, bytes);
    }
}
