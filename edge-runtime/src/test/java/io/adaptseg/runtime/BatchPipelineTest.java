package io.adaptseg.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.image.PixelBudget;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.core.image.RgbImage;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.pipeline.BatchPipeline;
import io.adaptseg.runtime.pipeline.ImageSource;
import io.adaptseg.runtime.pipeline.PipelineConfig;
import io.adaptseg.runtime.pipeline.PipelineReport;
import io.adaptseg.runtime.predict.PredictOptions;
import io.adaptseg.runtime.predict.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchPipelineTest {
    @TempDir
    Path dir;

    @Test
    void streamsWithBoundedMemoryAndSkipsBadFiles() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 5);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Path f = dir.resolve("img" + i + ".png");
            PngCodec.writeRgb(f, PredictorTest.image(80 + i % 3, 40, i));
            files.add(f);
            if (i == 7) {
                files.add(Files.writeString(dir.resolve("corrupt.png"), "not a png"));
            }
            if (i == 15) {
                files.add(dir.resolve("missing.png"));
            }
        }
        AtomicInteger pulled = new AtomicInteger();
        Iterator<Path> source = files.iterator();
        Iterator<Path> counting = new Iterator<>() {
            public boolean hasNext() {
                return source.hasNext();
            }

            public Path next() {
                pulled.incrementAndGet();
                return source.next();
            }
        };
        PipelineConfig config = new PipelineConfig(2, 2, 2);
        int batch = 3;
        // in flight: readers + queue + batch + queue + writers, plus the two bad files
        int bound = config.readers() + config.queueCapacity() + batch + config.queueCapacity() + config.writers() + 2;
        AtomicInteger written = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        Map<Path, int[]> results = new ConcurrentHashMap<>();
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.NATIVE, BackendOptions.cpu())) {
            Predictor predictor = new Predictor(s, PredictOptions.whole(batch));
            PipelineReport report = new BatchPipeline(predictor, config).run(counting, (file, image, prediction) -> {
                maxInFlight.accumulateAndGet(pulled.get() - written.get(), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
                results.put(file, prediction.trainIds().values());
                written.incrementAndGet();
            });
            assertEquals(24, report.succeeded());
            assertEquals(2, report.failures().size(), report.failures().toString());
            assertTrue(report.failures().stream().anyMatch(f -> f.file().endsWith("corrupt.png")
                    && f.message().contains("corrupt.png")), report.failures().toString());
            assertTrue(report.failures().stream().anyMatch(f -> f.file().endsWith("missing.png")));
            assertTrue(maxInFlight.get() <= bound, maxInFlight.get() + " > " + bound);
            // same results as predicting one by one
            Predictor plain = new Predictor(s, PredictOptions.whole(1));
            for (int i : new int[] {0, 13, 23}) {
                Path f = dir.resolve("img" + i + ".png");
                RgbImage img = PngCodec.readRgb(f);
                assertArrayEquals(plain.predict(List.of(img)).getFirst().trainIds().values(), results.get(f));
            }
        }
    }

    @Test
    void sinkFailuresAreReportedPerFile() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 5);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path f = dir.resolve("x" + i + ".png");
            PngCodec.writeRgb(f, PredictorTest.image(64, 32, i));
            files.add(f);
        }
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu())) {
            PipelineReport report = new BatchPipeline(new Predictor(s, PredictOptions.whole(2)), PipelineConfig.forBatch(2))
                    .run(files.iterator(), (file, image, prediction) -> {
                        if (file.endsWith("x3.png")) {
                            throw new java.io.IOException("disk full");
                        }
                    });
            assertEquals(4, report.succeeded());
            assertEquals(List.of(new PipelineReport.Failure(files.get(3), "IOException: disk full")), report.failures());
        }
    }

    @Test
    void errorsInAReaderOrAWriterFailThatFileAndNeverHangTheRun() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 5);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path f = dir.resolve("e" + i + ".png");
            PngCodec.writeRgb(f, PredictorTest.image(64, 32, i));
            files.add(f);
        }
        Path bomb = dir.resolve("bomb.png");
        Files.write(bomb, claimingSize(Files.readAllBytes(files.getFirst()), 20000, 20000));
        files.add(bomb);
        ImageSource png = ImageSource.images(PixelBudget.configured());
        // one reader and one writer: before, the first Error killed the only thread of its kind and run() never returned
        ImageSource failing = file -> {
            if (file.endsWith("e2.png")) {
                throw new OutOfMemoryError("injected into a reader");
            }
            if (file.endsWith("e4.png")) {
                throw new AssertionError("injected into a reader");
            }
            return png.read(file);
        };
        try (SegmentationSession s = SegmentationSession.open(model, BackendKind.JAVA, BackendOptions.cpu())) {
            BatchPipeline pipeline = new BatchPipeline(new Predictor(s, PredictOptions.whole(2)), new PipelineConfig(1, 1, 2), failing);
            PipelineReport report = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> pipeline.run(files.iterator(),
                    (file, image, prediction) -> {
                        if (file.endsWith("e6.png")) {
                            throw new StackOverflowError("injected into a writer");
                        }
                        if (file.endsWith("e7.png")) {
                            throw new Error("injected into a writer");
                        }
                    }));
            assertEquals(4, report.succeeded(), report.failures().toString());
            Map<String, String> failed = new java.util.TreeMap<>();
            report.failures().forEach(f -> failed.put(f.file().getFileName().toString(), f.message()));
            assertEquals(List.of("bomb.png", "e2.png", "e4.png", "e6.png", "e7.png"), List.copyOf(failed.keySet()));
            assertTrue(failed.get("e2.png").startsWith("OutOfMemoryError: injected into a reader (more heap"), failed.get("e2.png"));
            assertEquals("AssertionError: injected into a reader", failed.get("e4.png"));
            assertEquals("StackOverflowError: injected into a writer", failed.get("e6.png"));
            assertEquals("Error: injected into a writer", failed.get("e7.png"));
            assertTrue(failed.get("bomb.png").contains("image too large"), failed.get("bomb.png"));
        }
    }

    @Test
    void queuesStaySmallWhateverTheBatchSize() {
        // ArrayBlockingQueue allocates its capacity: --batch 99999999 must not mean 200 M slots
        assertEquals(64, PipelineConfig.forBatch(99_999_999).queueCapacity());
        assertEquals(64, PipelineConfig.forBatch(Integer.MAX_VALUE).queueCapacity());
        assertEquals(8, PipelineConfig.forBatch(4).queueCapacity());
        assertEquals(2, PipelineConfig.forBatch(1).queueCapacity());
    }

    /** {@code png} with its IHDR width and height replaced (CRC fixed), its data unchanged. */
    static byte[] claimingSize(byte[] png, int width, int height) {
        byte[] out = png.clone();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out);
        b.putInt(16, width);
        b.putInt(20, height);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(out, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return out;
    }
}
