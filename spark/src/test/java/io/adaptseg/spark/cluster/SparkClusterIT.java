package io.adaptseg.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adaptseg.core.image.LabelImage;
import io.adaptseg.core.image.PngCodec;
import io.adaptseg.infer.BatchPrediction;
import io.adaptseg.infer.CityscapesFixture;
import io.adaptseg.infer.InputSets;
import io.adaptseg.infer.PredictSummary;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.spark.SparkPrediction;
import io.adaptseg.spark.SparkSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark-submit} of the fat jar to a real standalone cluster (a master and two one-core
 * workers, separate JVMs; {@link StandaloneCluster}), checked against single-JVM {@code predict} on
 * the same model and images: the outputs must be byte-identical and the mIoU equal, also when an
 * executor or a whole worker is killed with SIGKILL in the middle of the job. When every worker is
 * gone the job must fail with one line and leave only complete outputs. Runs in {@code verify}
 * (failsafe): it needs {@code target/adaptseg-spark.jar} and {@code target/spark-lib}.
 */
class SparkClusterIT {
    private static final int PER_CITY = 40;
    private static final int IMAGES = 2 * PER_CITY;
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(300);

    @TempDir
    static Path shared;

    private static StandaloneCluster cluster;
    private static Path root;
    private static Path model;
    private static Path reference;
    private static Path jar;

    private static int run;

    @BeforeAll
    static void startCluster() throws Exception {
        jar = Path.of(System.getProperty("adaptseg.spark.jar", "target/adaptseg-spark.jar"));
        Path lib = Path.of(System.getProperty("adaptseg.spark.lib", "target/spark-lib"));
        cluster = StandaloneCluster.start(shared.resolve("cluster"), lib,
                StandaloneCluster.javaOptions(System.getProperty("adaptseg.spark.javaOptions", "")), 2);
        root = fixture(shared.resolve("cs"));
        model = TestModels.cityscapes(shared.resolve("model.onnx"), 7);
        reference = shared.resolve("predict");
        // the reference: predict's engine with the options spark predict gets by default
        PredictSummary single = new BatchPrediction(SparkSettings.defaults(model, reference, 4).toPredictSettings(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false)
                .run(InputSets.cityscapes(root, "val"));
        assertTrue(single.complete(), single.failures().toString());
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void twoWorkers() throws Exception {
        cluster.ensureWorkers(2);
    }

    /** 512x256 images (large enough that a job lasts seconds, so a kill lands in its middle). */
    private static Path fixture(Path dir) throws IOException {
        for (String city : CityscapesFixture.CITIES) {
            for (int i = 0; i < PER_CITY; i++) {
                String key = city + "_000000_" + String.format("%06d", i * 19);
                long seed = city.hashCode() * 31L + i;
                PngCodec.writeRgb(dir.resolve("leftImg8bit/val/" + city + "/" + key + "_leftImg8bit.png"),
                        CityscapesFixture.image(512, 256, seed));
                PngCodec.writeLabels8(dir.resolve("gtFine/val/" + city + "/" + key + "_gtFine_labelIds.png"),
                        CityscapesFixture.labels(512, 256, seed));
            }
        }
        return dir;
    }

    /** What one spark-submit printed and how it ended. */
    private record Submitted(int exitCode, String output, Path out) {
    }

    /**
     * Submits {@code spark predict} of the fixture to the cluster; {@code whileRunning} gets the
     * output folder as soon as the first labelIds file of the job appears.
     */
    private static Submitted submit(List<String> conf, Consumer<Path> whileRunning) throws Exception {
        String name = "spark-" + (++run);
        Path out = shared.resolve(name);
        Path log = shared.resolve(name + ".log");
        List<String> args = List.of("predict", "--model", model.toString(), "--cityscapes", root.toString(),
                "--out", out.toString(), "--partitions", "8");
        List<String> allConf = new ArrayList<>(List.of("spark.task.maxFailures=4"));
        allConf.addAll(conf);
        Process driver = cluster.submit(jar, allConf, args, log);
        if (whileRunning != null) {
            long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
            while (labelFiles(out) == 0 && driver.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(driver.isAlive(), "the job ended before its first output appeared:\n" + Files.readString(log));
            whileRunning.accept(out);
        }
        if (!driver.waitFor(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            StandaloneCluster.killNine(driver.toHandle());
            throw new AssertionError("spark-submit did not end in " + JOB_TIMEOUT.toSeconds() + " s:\n" + Files.readString(log));
        }
        return new Submitted(driver.exitValue(), Files.readString(log), out);
    }

    private static long labelFiles(Path out) {
        Path dir = out.resolve("labelIds");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith("_labelIds.png")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // a folder changed while walking it; look again
        }
    }

    /** The visible files under {@code dir}, relative (hidden .part files and journals excluded). */
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize)
                    .filter(p -> !p.getFileName().toString().startsWith(".") && !p.startsWith(".adaptseg-spark"))
                    .sorted().toList();
        }
    }

    private static void assertNoTemporaryFiles(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            assertEquals(List.of(), walk.filter(p -> p.getFileName().toString().endsWith(".part")
                    || p.getFileName().toString().equals(".adaptseg-spark")).toList());
        }
    }

    /**
     * Every file of predict's folder is in the spark folder with the same bytes, and nothing else;
     * {@code iou.json} names its own folder ("pred"), so it is compared without that field.
     */
    private static void assertSameAsPredict(Submitted s) throws IOException {
        assertEquals(files(reference), files(s.out()), s.output());
        for (Path f : files(reference)) {
            if (!f.toString().equals("iou.json")) {
                assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(s.out().resolve(f)), f.toString());
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode expected = (ObjectNode) json.readTree(reference.resolve("iou.json").toFile());
        ObjectNode actual = (ObjectNode) json.readTree(s.out().resolve("iou.json").toFile());
        assertEquals(s.out().toString(), actual.remove("pred").asText());
        expected.remove("pred");
        assertEquals(expected, actual);
        assertEquals(expected.get("mIoU").asDouble(), actual.get("mIoU").asDouble());
        assertNoTemporaryFiles(s.out());
    }

    @Test
    void theFatJarOnTwoWorkersWritesWhatPredictWrites() throws Exception {
        Submitted s = submit(List.of(), null);

        assertEquals(0, s.exitCode(), s.output());
        assertSameAsPredict(s);
        assertTrue(s.output().contains("predicted " + IMAGES + " images on 8 partitions"), s.output());
        assertFalse(s.output().contains("task retries"), s.output());
    }

    @Test
    void anExecutorKilledMidJobIsReplacedAndNothingIsWrittenTwice() throws Exception {
        long[] doneAtKill = new long[1];
        Submitted s = submit(List.of(), out -> {
            List<ProcessHandle> executors = cluster.executors();
            assertEquals(2, executors.size(), "one executor per worker");
            StandaloneCluster.killNine(executors.getFirst());
            doneAtKill[0] = labelFiles(out);
        });

        assertEquals(0, s.exitCode(), s.output());
        assertTrue(doneAtKill[0] > 0 && doneAtKill[0] < IMAGES, "killed mid-job: " + doneAtKill[0] + " of " + IMAGES + " done");
        assertSameAsPredict(s);
        assertTrue(s.output().contains("task retries:") && s.output().contains("ExecutorLostFailure"), s.output());
        assertTrue(s.output().contains("task journal: " + IMAGES + " images written, none written twice"), s.output());
    }

    @Test
    void aWholeWorkerKilledMidJobWhileAnotherLives() throws Exception {
        Submitted s = submit(List.of(), out -> StandaloneCluster.killNine(cluster.liveWorkers().getFirst()));

        assertEquals(0, s.exitCode(), s.output());
        assertSameAsPredict(s);
        assertTrue(s.output().contains("task retries:"), s.output());
        assertTrue(s.output().contains("none written twice"), s.output());
    }

    @Test
    void everyWorkerGoneFailsWithOneLineAndLeavesOnlyCompleteOutputs() throws Exception {
        Submitted s = submit(List.of(SparkPrediction.NO_EXECUTOR_TIMEOUT + "=10s"),
                out -> cluster.liveWorkers().forEach(StandaloneCluster::killNine));

        assertEquals(1, s.exitCode(), s.output());
        List<String> ours = s.output().lines().filter(l -> l.startsWith("adaptseg spark predict:")).toList();
        assertEquals(1, ours.size(), s.output());
        assertTrue(ours.getFirst().contains("no executor has been alive for 10 s"), ours.getFirst());
        assertNoTemporaryFiles(s.out());
        List<Path> written = files(s.out()).stream().filter(p -> p.toString().endsWith(".png")).toList();
        assertTrue(!written.isEmpty() && written.size() < 3 * IMAGES, written.size() + " outputs");
        for (Path f : written) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(s.out().resolve(f)), f.toString());
        }
        Path labels = written.stream().filter(p -> p.startsWith("labelIds")).findFirst().orElseThrow();
        LabelImage any = PngCodec.readLabels(s.out().resolve(labels));
        assertEquals(512, any.width());
    }
}
