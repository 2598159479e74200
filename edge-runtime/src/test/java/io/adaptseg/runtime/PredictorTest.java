package io.adaptseg.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.LabelSet;
import io.adaptseg.core.model.MetadataKeys;
import io.adaptseg.core.model.Normalization;
import io.adaptseg.core.model.TensorNames;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.core.resample.ImageResize;
import io.adaptseg.core.resample.Resampler;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.backend.Tensor;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.Prediction;
import io.adaptseg.runtime.predict.Predictor;
import io.adaptseg.runtime.predict.SlidingWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void model() throws Exception {
        model = TestModels.cityscapes(dir.resolve("m.onnx"), 11);
    }

    static RgbImage image(int w, int h, long seed) {
        byte[] rgb = new byte[w * h * 3];
        Random r = new Random(seed);
        // smooth blobs so labels form regions rather than noise
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 128 + 100 * Math.sin(x * 0.15 + c + seed) * Math.cos(y * 0.2 - c) + r.nextInt(9);
                    rgb[(y * w + x) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) v));
                }
            }
        }
        return new RgbImage(w, h, rgb);
    }

    @Test
    void javaUpsamplingMatchesTheGraphsLabels() throws Exception {
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.NATIVE, BackendOptions.cpu())) {
            Predictor p = new Predictor(s, PredictOptions.whole(2));
            RgbImage img = image(64, 32, 1);
            Predictor.Prepared prep = p.prepare(img);
            var out = s.run(prep.chw(), 1, 32, 64, List.of(TensorNames.LOGITS, TensorNames.LABELS));
            Tensor.Floats logits = (Tensor.Floats) out.get(TensorNames.LOGITS);
            int[] graph = ((Tensor.Ints) out.get(TensorNames.LABELS)).data();
            int[] java = Resampler.resizeArgmax(logits.data(), 0, 19, 16, 32, 32, 64, Convention.HALF_PIXEL);
            int same = 0;
            for (int i = 0; i < graph.length; i++) {
                same += graph[i] == java[i] ? 1 : 0;
            }
            assertTrue(same >= graph.length - 2, same + " of " + graph.length + " agree");
            // the direct path (training size, no flip) returns the graph's labels
            assertArrayEquals(graph, p.predict(List.of(img)).getFirst().classes().values());
        }
    }

    @Test
    void logitsAreUpsampledInTheConventionTheMetadataNames() throws Exception {
        var meta = new java.util.LinkedHashMap<>(TestModels.metadata(LabelSet.CITYSCAPES19,
                Normalization.DEEPLAB_V2_CAFFE, 32, 64));
        meta.put(MetadataKeys.LOGITS_UPSAMPLING, "align_corners");
        Path aligned = TestModels.write(dir.resolve("a.onnx"), 19, 11, meta);
        try (SegmentationSession s = SegmentationSession.open(aligned, BackendKind.JAVA, BackendOptions.cpu())) {
            assertEquals(Convention.ALIGN_CORNERS, s.model().logitsUpsampling());
            Predictor p = new Predictor(s, PredictOptions.whole(1));
            RgbImage img = image(150, 70, 5);
            Predictor.Prepared prep = p.prepare(img);
            Tensor.Floats logits = (Tensor.Floats) s.run(prep.chw(), 1, 32, 64, List.of(TensorNames.LOGITS))
                    .get(TensorNames.LOGITS);
            int[] expected = Resampler.resizeArgmax(logits.data(), 0, 19, 16, 32, 70, 150, Convention.ALIGN_CORNERS);
            int[] halfPixel = Resampler.resizeArgmax(logits.data(), 0, 19, 16, 32, 70, 150, Convention.HALF_PIXEL);
            int[] predicted = p.predict(List.of(img)).getFirst().classes().values();
            assertArrayEquals(expected, predicted);
            assertFalse(java.util.Arrays.equals(halfPixel, predicted), "the convention made no difference");
        }
    }

    /** The network input the model's normalisation makes of {@code rgb} at {@code w x h}. */
    private static float[] normalised(byte[] rgb, int w, int h) {
        float[] chw = new float[3 * w * h];
        Normalization.DEEPLAB_V2_CAFFE.toChw(rgb, w * h, chw, 0);
        return chw;
    }

    private Path modelWithInputResize(String name, String resize) throws Exception {
        var meta = new java.util.LinkedHashMap<>(TestModels.metadata(LabelSet.CITYSCAPES19,
                Normalization.DEEPLAB_V2_CAFFE, 32, 64));
        meta.put(MetadataKeys.INPUT_RESIZE, resize);
        return TestModels.write(dir.resolve(name), 19, 11, meta);
    }

    @Test
    void inputsAreResizedWithTheFilterTheMetadataNames() throws Exception {
        RgbImage img = image(150, 70, 8);
        byte[] bilinear = Resampler.resizeRgb(img.rgb(), 150, 70, 64, 32, Convention.HALF_PIXEL);
        for (ImageResize resize : List.of(ImageResize.BICUBIC, ImageResize.PIL_BILINEAR)) {
            Path file = modelWithInputResize(resize.id() + ".onnx", resize.id());
            try (SegmentationSession s = SegmentationSession.open(file, BackendKind.JAVA, BackendOptions.cpu())) {
                assertEquals(resize, s.model().inputResize());
                Predictor.Prepared prep = new Predictor(s, PredictOptions.whole(1)).prepare(img);
                byte[] pil = resize == ImageResize.BICUBIC ? Resampler.resizeRgbBicubic(img.rgb(), 150, 70, 64, 32)
                        : Resampler.resizeRgbPilBilinear(img.rgb(), 150, 70, 64, 32);
                assertArrayEquals(normalised(pil, 64, 32), prep.chw(), resize.id());
                assertFalse(java.util.Arrays.equals(normalised(bilinear, 64, 32), prep.chw()),
                        resize.id() + " made no difference to the input");
                // sliding window at a scale resizes with the same filter
                Predictor sliding = new Predictor(s, new PredictOptions(1, false,
                        Optional.of(new SlidingWindow(16, 32, 16, 32, 0.5))));
                byte[] half = resize.resize(img.rgb(), 150, 70, 75, 35);
                assertArrayEquals(normalised(half, 75, 35), sliding.prepare(img).chw(), resize.id() + " sliding");
            }
        }
    }

    @Test
    void aModelWithoutTheInputResizeKeyIsResizedBilinearAsBefore() throws Exception {
        RgbImage img = image(150, 70, 9);
        try (SegmentationSession old = SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu());
                SegmentationSession keyed = SegmentationSession.open(modelWithInputResize("b.onnx", "bicubic"),
                        BackendKind.JAVA, BackendOptions.cpu())) {
            assertFalse(TestModels.metadata(LabelSet.CITYSCAPES19, Normalization.DEEPLAB_V2_CAFFE, 32, 64)
                    .containsKey(MetadataKeys.INPUT_RESIZE));
            assertEquals(ImageResize.BILINEAR, old.model().inputResize());
            Predictor p = new Predictor(old, PredictOptions.whole(1));
            byte[] bilinear = Resampler.resizeRgb(img.rgb(), 150, 70, 64, 32, Convention.HALF_PIXEL);
            assertArrayEquals(normalised(bilinear, 64, 32), p.prepare(img).chw());
            // the labels are those of the bilinear input, and differ from the bicubic model's (same weights)
            Tensor.Floats logits = (Tensor.Floats) old.run(normalised(bilinear, 64, 32), 1, 32, 64,
                    List.of(TensorNames.LOGITS)).get(TensorNames.LOGITS);
            int[] expected = Resampler.resizeArgmax(logits.data(), 0, 19, 16, 32, 70, 150, Convention.HALF_PIXEL);
            int[] predicted = p.predict(List.of(img)).getFirst().classes().values();
            assertArrayEquals(expected, predicted);
            int[] bicubic = new Predictor(keyed, PredictOptions.whole(1)).predict(List.of(img)).getFirst().classes()
                    .values();
            assertFalse(java.util.Arrays.equals(predicted, bicubic), "the input resize made no difference");
        }
    }

    @Test
    void labelsComeBackAtTheOriginalSizeInBatches() throws Exception {
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu())) {
            Predictor batched = new Predictor(s, PredictOptions.whole(3));
            Predictor single = new Predictor(s, PredictOptions.whole(1));
            List<RgbImage> images = List.of(image(128, 64, 1), image(100, 50, 2), image(64, 32, 3), image(90, 40, 4));
            List<Prediction> a = batched.predict(images);
            List<Prediction> b = single.predict(images);
            for (int i = 0; i < images.size(); i++) {
                assertEquals(images.get(i).width(), a.get(i).classes().width());
                assertEquals(images.get(i).height(), a.get(i).classes().height());
                assertArrayEquals(b.get(i).classes().values(), a.get(i).classes().values());
            }
        }
    }

    @Test
    void flipAveragingOfAMirroredImageIsMirrored() throws Exception {
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.NATIVE, BackendOptions.cpu())) {
            Predictor p = new Predictor(s, new PredictOptions(2, true, Optional.empty()));
            RgbImage img = image(64, 32, 5);
            byte[] mirrored = new byte[img.rgb().length];
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 64; x++) {
                    System.arraycopy(img.rgb(), (y * 64 + x) * 3, mirrored, (y * 64 + 63 - x) * 3, 3);
                }
            }
            List<Prediction> out = p.predict(List.of(img, new RgbImage(64, 32, mirrored)));
            int[] a = out.get(0).classes().values();
            int[] b = out.get(1).classes().values();
            int same = 0;
            for (int y = 0; y < 32; y++) {
                for (int x = 0; x < 64; x++) {
                    same += a[y * 64 + x] == b[y * 64 + 63 - x] ? 1 : 0;
                }
            }
            // flip averaging is symmetric up to float rounding on exact ties
            assertTrue(same >= 64 * 32 - 4, same + " mirrored pixels agree");
        }
    }

    @Test
    void slidingWindowCoveringTheImageEqualsWholeImage() throws Exception {
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.NATIVE, BackendOptions.cpu())) {
            RgbImage img = image(64, 32, 6);
            // whole-image inference at the training size with the logits path (flip forces it)
            Predictor whole = new Predictor(s, new PredictOptions(1, true, Optional.empty()));
            Predictor sliding = new Predictor(s, new PredictOptions(1, true,
                    Optional.of(new SlidingWindow(32, 64, 16, 32, 1.0))));
            assertArrayEquals(whole.predict(List.of(img)).getFirst().classes().values(),
                    sliding.predict(List.of(img)).getFirst().classes().values());
        }
    }

    @Test
    void slidingWindowAveragesOverlappingTileLogits() throws Exception {
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu())) {
            int w = 48;
            int h = 16;
            RgbImage img = image(w, h, 7);
            Predictor sliding = new Predictor(s, new PredictOptions(4, false,
                    Optional.of(new SlidingWindow(16, 32, 16, 16, 1.0))));
            int[] got = sliding.predict(List.of(img)).getFirst().classes().values();
            // expected: tiles at x=0 and x=16, each upsampled to 16x32; columns 16..31 average both
            float[] chw = sliding.prepare(img).chw();
            float[] sum = new float[19 * h * w];
            int[] count = new int[w];
            for (int left : new int[] {0, 16}) {
                float[] tile = new float[3 * h * 32];
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(chw, (c * h + y) * w + left, tile, (c * h + y) * 32, 32);
                    }
                }
                Tensor.Floats logits = (Tensor.Floats) s.run(tile, 1, h, 32, List.of(TensorNames.LOGITS))
                        .get(TensorNames.LOGITS);
                Resampler.accumulate(logits.data(), 0, 19, 8, 16, h, 32, Convention.HALF_PIXEL, sum, h, w, 0, left);
                for (int x = left; x < left + 32; x++) {
                    count[x]++;
                }
            }
            int[] expected = new int[h * w];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float best = Float.NEGATIVE_INFINITY;
                    for (int c = 0; c < 19; c++) {
                        float v = sum[(c * h + y) * w + x] / count[x];
                        if (v > best) {
                            best = v;
                            expected[y * w + x] = c;
                        }
                    }
                }
            }
            assertArrayEquals(expected, got);
            // and the blend differs from either tile alone somewhere in the overlap (the test can fail)
            Predictor noOverlap = new Predictor(s, new PredictOptions(4, false,
                    Optional.of(new SlidingWindow(16, 16, 16, 16, 1.0))));
            assertTrue(!java.util.Arrays.equals(got, noOverlap.predict(List.of(img)).getFirst().classes().values()));
        }
    }

    @Test
    void tileStartsCoverTheImage() {
        assertArrayEquals(new int[] {0, 16}, invokeStarts(48, 32, 16));
        assertArrayEquals(new int[] {0, 20, 36}, invokeStarts(68, 32, 20));
        assertArrayEquals(new int[] {0}, invokeStarts(20, 32, 16));
    }

    private static int[] invokeStarts(int length, int tile, int stride) {
        try {
            var m = SlidingWindow.class.getDeclaredMethod("starts", int.class, int.class, int.class);
            m.setAccessible(true);
            return (int[]) m.invoke(null, length, tile, stride);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
