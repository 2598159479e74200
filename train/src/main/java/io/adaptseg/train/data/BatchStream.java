package io.adaptseg.train.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.core.resample.ImageResize;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * An endless stream of batches over one dataset, or over several labelled source domains mixed by a
 * {@link DomainMixture}, each reshuffled every epoch of its own. Worker threads decode and augment up
 * to {@code prefetchBatches} batches ahead, so the network does not wait for PNG decoding. Which
 * domain and sample sit at stream position p, and how it is augmented, depend only on (seed, p): the
 * domain of every position is drawn from (seed, p), the sample is the next of that domain's own
 * permutation, so the stream's state is the single number {@link #position()}, saved in checkpoints,
 * and a resumed stream replays the domain draws before it to find each domain's place.
 */
public final class BatchStream<S> implements AutoCloseable {
    /** {@link SplitMix64#of} stream ids under (seed, position or epoch); the domain draw is {@link DomainMixture#DRAW_STREAM}. */
    private static final long PERMUTATION = 0;
    private static final long AUGMENTATION = 1;
    private static final long CLAN_SIZE = 2;

    private final String name;
    private final List<StreamDomain<S>> domains;
    private final DomainMixture mixture;
    private final Augmentation augmentation;
    private final Normalization normalization;
    private final int batchSize;
    private final long seed;
    private final boolean labelled;
    private final int window;
    private final ExecutorService workers;
    private final ArrayDeque<Future<PreparedSample>> pending = new ArrayDeque<>();
    /** Per domain: positions below {@link #submitted} drawn for it, i.e. its own stream position. */
    private final long[] drawn;
    private final long[] cachedEpoch;
    private final int[][] cachedOrder;
    private long position;
    private long submitted;

    /**
     * A stream over one dataset.
     *
     * @param name for messages, e.g. "source" or "target"
     * @param startPosition samples consumed before (0 for a new run, from the checkpoint on resume)
     */
    public BatchStream(String name, List<S> samples, SampleDecoder<S> decoder, Augmentation augmentation,
            Normalization normalization, int batchSize, boolean labelled, long seed, int workers, int prefetchBatches,
            long startPosition) {
        this(name, List.of(new StreamDomain<>(name, samples, decoder)), DomainMixture.single(), augmentation, normalization,
                batchSize, labelled, seed, workers, prefetchBatches, startPosition);
    }

    /**
     * A stream over several domains, drawn per sample by {@code mixture}; with one domain it is exactly
     * the single-dataset stream.
     *
     * @param name for messages, e.g. "source"
     * @param startPosition samples consumed before (0 for a new run, from the checkpoint on resume)
     */
    public BatchStream(String name, List<StreamDomain<S>> domains, DomainMixture mixture, Augmentation augmentation,
            Normalization normalization, int batchSize, boolean labelled, long seed, int workers, int prefetchBatches,
            long startPosition) {
        if (domains.isEmpty() || domains.size() != mixture.domains()) {
            throw new IllegalArgumentException(name + ": " + domains.size() + " domains but " + mixture.domains() + " weights");
        }
        if (batchSize <= 0 || workers <= 0 || prefetchBatches <= 0 || startPosition < 0) {
            throw new IllegalArgumentException("batch size, workers and prefetch must be positive, found "
                    + batchSize + ", " + workers + ", " + prefetchBatches);
        }
        this.name = name;
        this.domains = List.copyOf(domains);
        this.mixture = mixture;
        this.augmentation = augmentation;
        this.normalization = normalization;
        this.batchSize = batchSize;
        this.labelled = labelled;
        this.seed = seed;
        this.window = batchSize * prefetchBatches;
        this.position = startPosition;
        this.submitted = startPosition;
        this.drawn = mixture.countsBefore(seed, startPosition);
        this.cachedEpoch = new long[domains.size()];
        Arrays.fill(cachedEpoch, -1);
        this.cachedOrder = new int[domains.size()][];
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "adaptseg-" + name + "-loader");
            t.setDaemon(true);
            return t;
        });
        fill();
    }

    /** Samples consumed so far: the stream's whole state. */
    public long position() {
        return position;
    }

    /** Number of distinct samples, over all domains. */
    public int size() {
        return domains.stream().mapToInt(d -> d.samples().size()).sum();
    }

    /** Number of domains the stream mixes (1 for a single dataset). */
    public int domainCount() {
        return domains.size();
    }

    /** The domains' names, in domain-id order. */
    public List<String> domainNames() {
        return domains.stream().map(StreamDomain::name).toList();
    }

    /**
     * The next batch, its arrays attached to {@code manager}. The labels and the batch's output size are
     * the augmentation's input size; the images are too, except under CLAN's image-only scaling, whose
     * size is drawn once per batch so that a batch stacks.
     */
    public Batch next(NDManager manager) throws AdaptsegException {
        int w = augmentation.width();
        int h = augmentation.height();
        List<PreparedSample> taken = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            taken.add(take());
        }
        int iw = taken.get(0).width();
        int ih = taken.get(0).height();
        float[] images = new float[batchSize * 3 * iw * ih];
        int[] labels = labelled ? new int[batchSize * w * h] : null;
        int[] ids = new int[batchSize];
        for (int b = 0; b < batchSize; b++) {
            PreparedSample s = taken.get(b);
            ids[b] = s.domain();
            if (s.width() != iw || s.height() != ih) {
                throw new IllegalStateException(name + " batch mixes image sizes " + iw + "x" + ih + " and " + s.width()
                        + "x" + s.height() + " (stream position not at a batch boundary)");
            }
            System.arraycopy(s.chw(), 0, images, b * 3 * iw * ih, 3 * iw * ih);
            if (labelled) {
                System.arraycopy(s.labels(), 0, labels, b * w * h, w * h);
            }
        }
        NDArray img = manager.create(images, new Shape(batchSize, 3, ih, iw));
        Optional<NDArray> lab = labelled ? Optional.of(manager.create(labels, new Shape(batchSize, h, w))) : Optional.empty();
        return new Batch(img, lab, h, w, new DomainIds(ids, domains.size()));
    }

    private PreparedSample take() throws AdaptsegException {
        Future<PreparedSample> f = pending.removeFirst();
        position++;
        fill();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdaptsegException(name + " loader interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AdaptsegException a) {
                throw a;
            }
            throw new AdaptsegException(name + " loader failed: " + e.getCause(), e.getCause());
        }
    }

    private void fill() {
        while (submitted < position + window) {
            long p = submitted++;
            int k = mixture.domainAt(seed, p);
            StreamDomain<S> domain = domains.get(k);
            S sample = domain.samples().get(indexAt(k, drawn[k]++));
            pending.addLast(workers.submit(() -> prepare(domain, k, sample, p)));
        }
    }

    /**
     * The dataset index of domain {@code k}'s own position {@code q}: a fresh permutation per epoch of
     * that domain. Domain 0 uses the single-dataset stream's permutations, so adding a domain of weight
     * 0 leaves a run's source order as it was.
     */
    int indexAt(int k, long q) {
        int n = domains.get(k).samples().size();
        long epoch = q / n;
        if (epoch != cachedEpoch[k]) {
            long stream = k == 0 ? PERMUTATION : DomainMixture.DRAW_STREAM + k;
            cachedOrder[k] = permutation(n, SplitMix64.of(seed, epoch, stream));
            cachedEpoch[k] = epoch;
        }
        return cachedOrder[k][(int) (q % n)];
    }

    static int[] permutation(int n, SplitMix64 rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private PreparedSample prepare(StreamDomain<S> domain, int k, S sample, long p) throws AdaptsegException {
        DecodedSample d = domain.decoder().decode(sample);
        if (labelled && d.labels().isEmpty()) {
            throw new AdaptsegException(domain.name() + " sample " + d.id() + " has no label file, but this dataset is used with"
                    + " labels");
        }
        SplitMix64 rng = SplitMix64.of(seed, p, AUGMENTATION);
        int w = augmentation.width();
        int h = augmentation.height();
        RgbImage image;
        LabelImage labels = null;
        ImageResize resize = augmentation.resize();
        if (augmentation.scaleMode() == ScaleMode.CLAN) {
            // CLAN dataset/gta5_dataset.py:42-64: image to the drawn size, labels to the input size, no crop;
            // one draw per batch (CLAN trains with batch size 1, where this is its per-image draw)
            int[] size = augmentation.clanImageSize(SplitMix64.of(seed, p / batchSize, CLAN_SIZE).nextDouble());
            image = ImageOps.resize(d.image(), size[0], size[1], resize);
            if (labelled) {
                labels = ImageOps.resizeNearest(d.labels().get(), w, h);
            }
        } else if (augmentation.scaleMode() == ScaleMode.CAG) {
            RandomSized sizes = augmentation.randomSized().orElseThrow();
            // CAG data/gta5_dataset.py:159-160: the dataset's fixed size first, then RandomSized
            // (augmentations.py:368-376), then RandomCrop (augmentations.py:44-65)
            int[] size = sizes.size(rng.nextDouble());
            image = ImageOps.resize(ImageOps.resize(d.image(), sizes.baseWidth(), sizes.baseHeight(), resize),
                    size[0], size[1], resize);
            if (labelled) {
                labels = ImageOps.resizeNearest(ImageOps.resizeNearest(d.labels().get(), sizes.baseWidth(),
                        sizes.baseHeight()), size[0], size[1]);
            }
            if (size[0] < w || size[1] < h) {
                image = ImageOps.resize(image, w, h, resize);
                labels = labels == null ? null : ImageOps.resizeNearest(labels, w, h);
            } else {
                int left = rng.nextInt(size[0] - w + 1);
                int top = rng.nextInt(size[1] - h + 1);
                image = ImageOps.crop(image, left, top, w, h);
                labels = labels == null ? null : ImageOps.crop(labels, left, top, w, h, 255);
            }
        } else if (augmentation.scales()) {
            double f = augmentation.scaleMin() + rng.nextDouble() * (augmentation.scaleMax() - augmentation.scaleMin());
            int sw = Math.max(1, (int) Math.round(w * f));
            int sh = Math.max(1, (int) Math.round(h * f));
            int left = sw > w ? rng.nextInt(sw - w + 1) : 0;
            int top = sh > h ? rng.nextInt(sh - h + 1) : 0;
            image = ImageOps.crop(ImageOps.resize(d.image(), sw, sh, resize), left, top, w, h);
            if (labelled) {
                labels = ImageOps.crop(ImageOps.resizeNearest(d.labels().get(), sw, sh), left, top, w, h, 255);
            }
        } else {
            image = ImageOps.resize(d.image(), w, h, resize);
            if (labelled) {
                labels = ImageOps.resizeNearest(d.labels().get(), w, h);
            }
        }
        if (augmentation.mirror() && rng.nextDouble() < 0.5) {
            image = ImageOps.flip(image);
            labels = labels == null ? null : ImageOps.flip(labels);
        }
        if (augmentation.blur() && rng.nextDouble() < 0.5) {
            image = ImageOps.gaussianBlur(image, rng.nextDouble());
        }
        float[] chw = new float[3 * image.width() * image.height()];
        normalization.toChw(image.rgb(), image.width() * image.height(), chw, 0);
        return new PreparedSample(image.width(), image.height(), chw, w, h, labels == null ? null : labels.values(), k);
    }

    @Override
    public void close() {
        pending.forEach(f -> f.cancel(true));
        workers.shutdownNow();
    }
}
