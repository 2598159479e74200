package io.adaptseg.runtime.predict;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.ModelMetadata;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.core.resample.Resampler;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.backend.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns RGB images into label maps at their original size with one {@link SegmentationSession},
 * knowing only the model's metadata. Three steps so that a pipeline can run them on different
 * threads: {@link #prepare} (resize + normalise, per image), {@link #run} (model runs, per batch)
 * and {@link Pending#finish()} (upsampling and argmax, per image).
 *
 * <p>Whole-image mode runs at the training input size, as the reference evaluation does, resized the
 * way the training images were ({@link ModelMetadata#inputResize()}: PIL bicubic for models trained
 * as AdaptSegNet, CLAN and MaxSquare). When the
 * image already has that size and no flip is asked, the model's own {@code labels} output is used.
 * Otherwise logits (flip-averaged at the logit resolution, which equals averaging after upsampling
 * because both bilinear conventions are mirror-symmetric) are upsampled to the original size in Java,
 * in the model's own convention ({@link ModelMetadata#logitsUpsampling()}), and argmaxed: the reference scores 2048x1024 maps made by upsampling 1024x512-input logits, and the
 * graph can only upsample to its input size.
 */
public final class Predictor {
    private final SegmentationSession session;
    private final ModelMetadata model;
    private final PredictOptions options;

    public Predictor(SegmentationSession session, PredictOptions options) {
        this.session = session;
        this.model = session.model();
        this.options = options;
    }

    public PredictOptions options() {
        return options;
    }

    /** A normalised image at the size the network sees, with its original size. */
    public record Prepared(int width, int height, int netWidth, int netHeight, float[] chw) {
    }

    /** A batch result waiting for its per-pixel post-processing. */
    public interface Pending {
        Prediction finish();
    }

    /**
     * Resizes to the training size (or by the sliding-window scale) with the model's
     * {@link ModelMetadata#inputResize() input resize} and normalises; thread-safe.
     */
    public Prepared prepare(RgbImage image) {
        int netW;
        int netH;
        if (options.sliding().isPresent()) {
            double scale = options.sliding().get().scale();
            netW = Math.max(1, (int) Math.round(image.width() * scale));
            netH = Math.max(1, (int) Math.round(image.height() * scale));
        } else {
            netW = model.inputWidth();
            netH = model.inputHeight();
        }
        // the resize the network was trained with (bilinear for models written before the key)
        byte[] rgb = model.inputResize().resize(image.rgb(), image.width(), image.height(), netW, netH);
        float[] chw = new float[3 * netW * netH];
        model.normalization().toChw(rgb, netW * netH, chw, 0);
        return new Prepared(image.width(), image.height(), netW, netH, chw);
    }

    /** Runs the model on prepared images; call from one thread at a time. */
    public List<Pending> run(List<Prepared> batch) throws AdaptsegException {
        return options.sliding().isPresent() ? runSliding(batch, options.sliding().get()) : runWhole(batch);
    }

    /** prepare, run and finish in the calling thread. */
    public List<Prediction> predict(List<RgbImage> images) throws AdaptsegException {
        List<Prediction> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i += options.batchSize()) {
            List<Prepared> batch = new ArrayList<>();
            for (RgbImage image : images.subList(i, Math.min(images.size(), i + options.batchSize()))) {
                batch.add(prepare(image));
            }
            for (Pending p : run(batch)) {
                out.add(p.finish());
            }
        }
        return out;
    }

    private List<Pending> runWhole(List<Prepared> batch) throws AdaptsegException {
        int n = batch.size();
        int h = model.inputHeight();
        int w = model.inputWidth();
        int plane = 3 * h * w;
        boolean flip = options.flip();
        float[] input = new float[(flip ? 2 : 1) * n * plane];
        for (int i = 0; i < n; i++) {
            System.arraycopy(batch.get(i).chw(), 0, input, i * plane, plane);
            if (flip) {
                Resampler.flipInto(batch.get(i).chw(), 0, 3, h, w, input, (n + i) * plane);
            }
        }
        boolean direct = !flip && batch.stream().allMatch(p -> p.width() == w && p.height() == h);
        List<Pending> pending = new ArrayList<>();
        if (direct) {
            Tensor.Ints labels = (Tensor.Ints) session.run(input, n, h, w, List.of(TensorNames.LABELS))
                    .get(TensorNames.LABELS);
            for (int i = 0; i < n; i++) {
                int[] map = java.util.Arrays.copyOfRange(labels.data(), i * h * w, (i + 1) * h * w);
                Prediction p = new Prediction(new LabelImage(w, h, map), model.labelSet());
                pending.add(() -> p);
            }
            return pending;
        }
        Tensor.Floats logits = (Tensor.Floats) session.run(input, flip ? 2 * n : n, h, w,
                List.of(TensorNames.LOGITS)).get(TensorNames.LOGITS);
        int c = (int) logits.shape()[1];
        int lh = (int) logits.shape()[2];
        int lw = (int) logits.shape()[3];
        int size = c * lh * lw;
        for (int i = 0; i < n; i++) {
            float[] mine = java.util.Arrays.copyOfRange(logits.data(), i * size, (i + 1) * size);
            if (flip) {
                float[] mirrored = new float[size];
                Resampler.flipInto(logits.data(), (n + i) * size, c, lh, lw, mirrored, 0);
                for (int k = 0; k < size; k++) {
                    mine[k] = (mine[k] + mirrored[k]) * 0.5f;
                }
            }
            pending.add(logitsPending(mine, c, lh, lw, batch.get(i)));
        }
        return pending;
    }

    private Pending logitsPending(float[] logits, int c, int h, int w, Prepared p) {
        return () -> new Prediction(new LabelImage(p.width(), p.height(),
                Resampler.resizeArgmax(logits, 0, c, h, w, p.height(), p.width(), model.logitsUpsampling())), model.labelSet());
    }

    /** One tile: which image, where. */
    private record Tile(int image, int top, int left, int height, int width) {
    }

    private List<Pending> runSliding(List<Prepared> batch, SlidingWindow window) throws AdaptsegException {
        int c = model.classes();
        List<float[]> sums = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Tile> tiles = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Prepared p = batch.get(i);
            sums.add(new float[c * p.netHeight() * p.netWidth()]);
            counts.add(new int[p.netHeight() * p.netWidth()]);
            int th = Math.min(window.tileHeight(), p.netHeight());
            int tw = Math.min(window.tileWidth(), p.netWidth());
            for (int top : SlidingWindow.starts(p.netHeight(), th, window.strideY())) {
                for (int left : SlidingWindow.starts(p.netWidth(), tw, window.strideX())) {
                    tiles.add(new Tile(i, top, left, th, tw));
                }
            }
        }
        // tiles of one size run together; images of different sizes give different tile sizes
        int start = 0;
        while (start < tiles.size()) {
            Tile first = tiles.get(start);
            int end = start;
            while (end < tiles.size() && end - start < options.batchSize()
                    && tiles.get(end).height() == first.height() && tiles.get(end).width() == first.width()) {
                end++;
            }
            runTiles(batch, tiles.subList(start, end), sums, counts);
            start = end;
        }
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Prepared p = batch.get(i);
            float[] sum = sums.get(i);
            int[] count = counts.get(i);
            int plane = p.netHeight() * p.netWidth();
            for (int k = 0; k < c; k++) {
                for (int q = 0; q < plane; q++) {
                    sum[k * plane + q] /= count[q];
                }
            }
            pending.add(logitsPending(sum, c, p.netHeight(), p.netWidth(), p));
        }
        return pending;
    }

    private void runTiles(List<Prepared> batch, List<Tile> tiles, List<float[]> sums, List<int[]> counts)
            throws AdaptsegException {
        int n = tiles.size();
        int th = tiles.getFirst().height();
        int tw = tiles.getFirst().width();
        int plane = 3 * th * tw;
        boolean flip = options.flip();
        float[] input = new float[(flip ? 2 : 1) * n * plane];
        for (int t = 0; t < n; t++) {
            Tile tile = tiles.get(t);
            Prepared p = batch.get(tile.image());
            for (int ch = 0; ch < 3; ch++) {
                for (int y = 0; y < th; y++) {
                    System.arraycopy(p.chw(), (ch * p.netHeight() + tile.top() + y) * p.netWidth() + tile.left(),
                            input, t * plane + (ch * th + y) * tw, tw);
                }
            }
            if (flip) {
                Resampler.flipInto(input, t * plane, 3, th, tw, input, (n + t) * plane);
            }
        }
        Tensor.Floats logits = (Tensor.Floats) session.run(input, flip ? 2 * n : n, th, tw,
                List.of(TensorNames.LOGITS)).get(TensorNames.LOGITS);
        int c = (int) logits.shape()[1];
        int lh = (int) logits.shape()[2];
        int lw = (int) logits.shape()[3];
        int size = c * lh * lw;
        float[] mirrored = flip ? new float[size] : null;
        for (int t = 0; t < n; t++) {
            Tile tile = tiles.get(t);
            Prepared p = batch.get(tile.image());
            float[] sum = sums.get(tile.image());
            Resampler.accumulate(logits.data(), t * size, c, lh, lw, th, tw, model.logitsUpsampling(), sum,
                    p.netHeight(), p.netWidth(),
                    tile.top(), tile.left());
            if (flip) {
                // halves are added twice; the count below is doubled to match
                Resampler.flipInto(logits.data(), (n + t) * size, c, lh, lw, mirrored, 0);
                Resampler.accumulate(mirrored, 0, c, lh, lw, th, tw, model.logitsUpsampling(), sum,
                        p.netHeight(), p.netWidth(),
                        tile.top(), tile.left());
            }
            int[] count = counts.get(tile.image());
            for (int y = 0; y < th; y++) {
                int row = (tile.top() + y) * p.netWidth() + tile.left();
                for (int x = 0; x < tw; x++) {
                    count[row + x] += flip ? 2 : 1;
                }
            }
        }
    }
}
