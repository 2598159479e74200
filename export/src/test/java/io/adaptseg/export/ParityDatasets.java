package io.adaptseg.export;

import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small labelled datasets written as real PNGs: smooth colour regions and matching label regions. */
final class ParityDatasets {
    /** Cityscapes labelIds of road, sidewalk, building, vegetation, sky, car, and 0 (unlabeled: ignored). */
    private static final int[] LABEL_IDS = {7, 8, 11, 21, 23, 26, 0};
    /** Their trainIds (255 for unlabeled). */
    private static final int[] TRAIN_IDS = {0, 1, 2, 8, 10, 13, 255};

    private ParityDatasets() {
    }

    /** {@code leftImg8bit/val/demo/*_leftImg8bit.png} with {@code gtFine/val/demo/*_gtFine_labelIds.png}. */
    static Path cityscapes(Path root, int images, int height, int width, long seed) throws IOException {
        Path img = Files.createDirectories(root.resolve("leftImg8bit/val/demo"));
        Path gt = Files.createDirectories(root.resolve("gtFine/val/demo"));
        Random r = new Random(seed);
        for (int i = 0; i < images; i++) {
            String key = String.format("demo_%06d_%06d", 0, i);
            Sample s = sample(r, height, width, LABEL_IDS);
            PngCodec.writeRgb(img.resolve(key + "_leftImg8bit.png"), s.rgb());
            PngCodec.writeLabels8(gt.resolve(key + "_gtFine_labelIds.png"), s.labels());
        }
        return root;
    }

    /** {@code images/*.png} with {@code labels/*.png} holding trainIds. */
    static Path folders(Path root, int images, int height, int width, long seed) throws IOException {
        Path img = Files.createDirectories(root.resolve("images"));
        Path gt = Files.createDirectories(root.resolve("labels"));
        Random r = new Random(seed);
        for (int i = 0; i < images; i++) {
            Sample s = sample(r, height, width, TRAIN_IDS);
            PngCodec.writeRgb(img.resolve("frame" + i + ".png"), s.rgb());
            PngCodec.writeLabels8(gt.resolve("frame" + i + ".png"), s.labels());
        }
        return root;
    }

    private record Sample(RgbImage rgb, LabelImage labels) {
    }

    /** Horizontal bands of classes with a random colour each, plus gentle noise so pixels differ. */
    private static Sample sample(Random r, int height, int width, int[] ids) {
        int bands = 4;
        int[] cls = new int[bands];
        int[][] colour = new int[bands][3];
        for (int b = 0; b < bands; b++) {
            cls[b] = ids[r.nextInt(ids.length)];
            for (int c = 0; c < 3; c++) {
                colour[b][c] = 30 + r.nextInt(200);
            }
        }
        byte[] rgb = new byte[height * width * 3];
        int[] labels = new int[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int b = Math.min(bands - 1, (y + x / 4) * bands / (height + width / 4));
                labels[y * width + x] = cls[b];
                for (int c = 0; c < 3; c++) {
                    rgb[(y * width + x) * 3 + c] = (byte) Math.clamp(colour[b][c] + r.nextInt(21) - 10, 0, 255);
                }
            }
        }
        return new Sample(new RgbImage(width, height, rgb), new LabelImage(width, height, labels));
    }
}
