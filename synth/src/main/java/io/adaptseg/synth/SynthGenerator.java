package io.adaptseg.synth;

import io.adaptseg.core.io.FileTrees;
import io.adaptseg.core.io.FolderLock;
import com.fasterxml.jackson.databind.JsonNode;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.io.AtomicFiles;
import io.adaptseg.core.labels.CityscapesClass;
import io.adaptseg.core.labels.IdMap;
import io.adaptseg.core.labels.IdMaps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Generates the synthetic two-domain dataset into a folder: {@code gta5/}, {@code synthia/},
 * {@code cityscapes/} in the real datasets' layouts, the reference repos' list files
 * ({@code cityscapes_list/}, {@code gta5_list/}, {@code synthia_list/}) and {@code synth.json}.
 * Images are generated in parallel; each depends only on the configuration and its own index.
 */
public final class SynthGenerator {
    /** Folders (and the manifest) this generator owns inside an output directory; --overwrite removes only these. */
    static final List<String> OWNED = List.of("gta5", "synthia", "cityscapes", "gta5_list", "synthia_list",
            "cityscapes_list", SynthManifest.FILE);

    private static final int[] TRAINID_TO_SYNTHIA = inverseSynthiaMap();

    private SynthGenerator() {
    }

    /** One rendered sample in memory: the RGB image and its trainId labels (255 = ignore). */
    public record Rendered(RgbImage image, LabelImage trainIds, LabelImage instances) {
    }

    /** A dataset written: its folder and number of images. */
    public record Written(SynthDataset dataset, Path folder, int images) {
    }

    /** What a run wrote and how fast. */
    public record Report(List<Written> datasets, List<Path> lists, Path manifest, long images, double seconds) {
        /** Images (with their labels) written per second of wall-clock time. */
        public double imagesPerSecond() {
            return seconds > 0 ? images / seconds : Double.POSITIVE_INFINITY;
        }
    }

    /** The samples of a configuration, in dataset order then split then index. */
    public static List<SynthSample> samples(SynthConfig config) {
        List<SynthSample> all = new ArrayList<>();
        for (SynthDataset d : config.datasets()) {
            if (d.isTarget()) {
                addSamples(all, d, "train", config.targetTrain());
                addSamples(all, d, "val", config.targetVal());
            } else {
                addSamples(all, d, "train", config.sourceCount());
            }
        }
        return all;
    }

    private static void addSamples(List<SynthSample> all, SynthDataset d, String split, int count) {
        for (int i = 0; i < count; i++) {
            all.add(new SynthSample(d, split, i));
        }
    }

    /** Draws and paints one sample in memory (what {@link #generate} writes for it). */
    public static Rendered render(SynthConfig config, SynthSample sample) {
        long seed = sample.imageSeed(config.seed());
        SceneCanvas canvas = StreetScene.draw(config.width(), config.height(), new SplittableRandom(seed),
                sample.dataset().isTarget());
        RgbImage image = SceneRenderer.render(canvas, sample.dataset().style(), Hash.mix(seed, 0x5eed));
        int n = canvas.width * canvas.height;
        int[] labels = new int[n];
        int[] inst = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = canvas.labelAt(i);
            inst[i] = canvas.instance[i];
        }
        return new Rendered(image, new LabelImage(canvas.width, canvas.height, labels),
                new LabelImage(canvas.width, canvas.height, inst));
    }

    /**
     * Writes the dataset of {@code config} into {@code out}. A folder that already holds a different
     * synthetic dataset, or files that are not one, is an error unless {@code overwrite}, which
     * removes only the folders this generator writes. {@code progress} receives the number of
     * images done so far (from worker threads).
     */
    public static Report generate(SynthConfig config, Path out, boolean overwrite, IntConsumer progress)
            throws AdaptsegException, IOException {
        prepare(config, out, overwrite);
        List<SynthSample> samples = samples(config);
        long start = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "synth");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(samples.size());
            for (SynthSample s : samples) {
                futures.add(pool.submit(() -> {
                    try {
                        write(config, s, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    progress.accept(done.incrementAndGet());
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("synthetic image generation failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdaptsegException("synthetic data generation was interrupted");
        } finally {
            pool.shutdownNow();
        }
        List<Path> lists = writeLists(config, out);
        Path manifest = SynthManifest.write(out, config);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Written> written = new ArrayList<>();
        for (SynthDataset d : config.datasets()) {
            int count = d.isTarget() ? config.targetTrain() + config.targetVal() : config.sourceCount();
            written.add(new Written(d, out.resolve(d.id()), count));
        }
        return new Report(written, lists, manifest, samples.size(), seconds);
    }

    private static void prepare(SynthConfig config, Path out, boolean overwrite) throws AdaptsegException, IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new AdaptsegException(out + ": --out exists and is not a directory");
        }
        if (!Files.isDirectory(out) || isEmpty(out)) {
            Files.createDirectories(out);
            return;
        }
        Path manifest = out.resolve(SynthManifest.FILE);
        if (Files.isRegularFile(manifest)) {
            JsonNode existing = SynthManifest.read(out);
            if (existing.equals(SynthManifest.of(config))) {
                return; // the same dataset again: every file is rewritten with identical content
            }
            if (!overwrite) {
                throw new AdaptsegException(out + " already holds a different synthetic dataset ("
                        + SynthManifest.summary(existing) + "); use --overwrite to replace it or another --out");
            }
        } else if (!overwrite) {
            throw new AdaptsegException(out + " is not empty and has no " + SynthManifest.FILE
                    + " (another dataset, or an interrupted run); use --overwrite to replace the synthetic folders in it or another --out");
        }
        for (String name : OWNED) {
            FileTrees.delete(out.resolve(name));
        }
    }

    /** Empty but for the lock file of the command that holds it ({@link FolderLock}). */
    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.noneMatch(p -> !p.getFileName().toString().equals(FolderLock.FILE));
        }
    }

    /** Renders one sample and writes its files in its dataset's format. */
    static void write(SynthConfig config, SynthSample sample, Path out) throws IOException {
        Rendered r = render(config, sample);
        Path root = out.resolve(sample.dataset().id());
        PngCodec.writeRgb(root.resolve(sample.imagePath()), r.image());
        int[] train = r.trainIds().values();
        int w = r.trainIds().width();
        int h = r.trainIds().height();
        switch (sample.dataset()) {
            case GTA5 -> PngCodec.writeLabels8(root.resolve(sample.labelPath()), new LabelImage(w, h, labelIds(train)));
            case SYNTHIA -> {
                int[] ids = new int[train.length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = TRAINID_TO_SYNTHIA[train[i]];
                }
                PngCodec.writeLabels16Rgb(root.resolve(sample.labelPath()), new LabelImage(w, h, ids), r.instances(),
                        LabelImage.filled(w, h, 0));
            }
            case CITYSCAPES -> {
                PngCodec.writeLabels8(root.resolve(sample.labelPath()), new LabelImage(w, h, labelIds(train)));
                PngCodec.writeRgb(root.resolve(sample.colourPath()), colours(w, h, train));
                PngCodec.writeLabels16(root.resolve(sample.instancePath()), instanceIds(r.trainIds(), r.instances()));
            }
        }
    }

    private static int[] labelIds(int[] trainIds) {
        int[] table = IdMaps.TRAINID_TO_LABELID.table();
        int[] ids = new int[trainIds.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = table[trainIds[i]];
        }
        return ids;
    }

    /**
     * The Cityscapes instance image: {@code labelId * 1000 + k} on the pixels of an instance class
     * (k = 0, 1, … numbers the visible objects of that class in drawing order), the plain labelId
     * elsewhere (ignore is 0). The canvas numbers every object of the scene (buildings too) in one
     * sequence, so the numbers are made consecutive per class here; an object hidden entirely
     * behind others gets no number, as in the real annotations.
     */
    static LabelImage instanceIds(LabelImage trainIds, LabelImage canvasInstances) {
        int[] train = trainIds.values();
        int[] inst = canvasInstances.values();
        int[] labelIds = labelIds(train);
        int[] out = new int[train.length];
        CityscapesClass[] classes = CityscapesClass.values();
        // per class, canvas instance number -> Cityscapes instance number, in ascending canvas order
        Map<Integer, TreeMap<Integer, Integer>> numbers = new HashMap<>();
        for (int i = 0; i < train.length; i++) {
            if (train[i] < classes.length && classes[train[i]].hasInstances()) {
                numbers.computeIfAbsent(train[i], k -> new TreeMap<>()).put(inst[i], 0);
            }
        }
        numbers.values().forEach(m -> {
            int k = 0;
            for (Map.Entry<Integer, Integer> e : m.entrySet()) {
                e.setValue(k++);
            }
        });
        for (int i = 0; i < train.length; i++) {
            TreeMap<Integer, Integer> m = numbers.get(train[i]);
            out[i] = m == null ? labelIds[i] : labelIds[i] * 1000 + m.get(inst[i]);
        }
        return new LabelImage(trainIds.width(), trainIds.height(), out);
    }

    /** The official Cityscapes colour of every pixel's class; ignored pixels are black, as in gtFine. */
    static RgbImage colours(int w, int h, int[] trainIds) {
        int[] palette = new int[256];
        for (CityscapesClass c : CityscapesClass.values()) {
            palette[c.trainId()] = c.rgb();
        }
        byte[] rgb = new byte[trainIds.length * 3];
        for (int i = 0; i < trainIds.length; i++) {
            int p = palette[trainIds[i]];
            rgb[i * 3] = (byte) (p >> 16);
            rgb[i * 3 + 1] = (byte) (p >> 8);
            rgb[i * 3 + 2] = (byte) p;
        }
        return new RgbImage(w, h, rgb);
    }

    /** trainId -> SYNTHIA raw id, from {@link IdMaps#SYNTHIA_TO_TRAINID}; ignore maps to SYNTHIA's void (0). */
    private static int[] inverseSynthiaMap() {
        int[] inverse = new int[256];
        IdMap map = IdMaps.SYNTHIA_TO_TRAINID;
        for (int raw = 0; raw < map.size(); raw++) {
            int train = map.map(raw);
            if (train != IdMap.IGNORE) {
                inverse[train] = raw;
            }
        }
        return inverse;
    }

    /** The reference repos' list files: one relative path per line, in sample order. */
    private static List<Path> writeLists(SynthConfig config, Path out) throws IOException {
        List<Path> written = new ArrayList<>();
        for (SynthDataset d : config.datasets()) {
            if (d.isTarget()) {
                List<SynthSample> train = new ArrayList<>();
                List<SynthSample> val = new ArrayList<>();
                for (int i = 0; i < config.targetTrain(); i++) {
                    train.add(new SynthSample(d, "train", i));
                }
                for (int i = 0; i < config.targetVal(); i++) {
                    val.add(new SynthSample(d, "val", i));
                }
                Path dir = out.resolve("cityscapes_list");
                written.add(writeList(dir.resolve("train.txt"), train.stream().map(s -> s.city() + "/" + s.stem() + "_leftImg8bit.png").toList()));
                written.add(writeList(dir.resolve("val.txt"), val.stream().map(s -> s.city() + "/" + s.stem() + "_leftImg8bit.png").toList()));
                written.add(writeList(dir.resolve("label.txt"), val.stream().map(s -> s.city() + "/" + s.stem() + "_gtFine_labelIds.png").toList()));
            } else {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < config.sourceCount(); i++) {
                    names.add(new SynthSample(d, "train", i).stem() + ".png");
                }
                written.add(writeList(out.resolve(d.id() + "_list").resolve("train.txt"), names));
            }
        }
        return written;
    }

    private static Path writeList(Path file, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
        return file;
    }
}
