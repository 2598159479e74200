package io.adaptseg.train.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {
    @TempDir
    Path dir;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Segmenter network(String name, int classes, int seed) throws AdaptsegException {
        Engine.getInstance().setRandomSeed(seed);
        Segmenter s = SegmenterRegistry.create(name, classes);
        s.initialize(manager);
        return s;
    }

    /** Inference-mode outputs after a few training-mode forwards, so running statistics differ from their init. */
    private static List<float[]> outputs(Segmenter s, NDArray x, boolean warmUp) {
        var ps = new ParameterStore(x.getManager(), false);
        if (warmUp) {
            s.forward(ps, x, true);
        }
        return s.forward(ps, x, false).stream().map(NDArray::toFloatArray).toList();
    }

    private void assertSameOutputs(List<float[]> a, List<float[]> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "output " + i);
        }
    }

    @Test
    void ourNamesRoundTripBitIdenticallyThroughNpzAndSafetensors() throws Exception {
        for (String name : List.of("deeplabv2-tiny-multi", "deeplabv3plus-tiny")) {
            NDArray x = manager.randomNormal(new Shape(2, 3, 40, 56));
            Segmenter a = network(name, 5, 1);
            List<float[]> expected = outputs(a, x, true);
            for (String file : List.of("w.npz", "w.safetensors")) {
                Path path = dir.resolve(name + "-" + file);
                assertEquals(a.parameters().size(), WeightFiles.save(a, path, NameMap.OURS));
                Segmenter b = network(name, 5, 2);
                WeightImportReport report = WeightFiles.load(b, path, NameMap.OURS);
                assertTrue(report.complete(), report.summary());
                assertEquals(a.parameters().size(), report.loaded().size());
                assertSameOutputs(expected, outputs(b, x, false));
            }
        }
    }

    @Test
    void referenceNamesCarryTheScalePrefixAndLoadWithOrWithoutIt() throws Exception {
        NDArray x = manager.randomNormal(new Shape(1, 3, 40, 56));
        Segmenter a = network("deeplabv2-tiny-clan", 19, 3);
        List<float[]> expected = outputs(a, x, true);
        Path path = dir.resolve("ref.npz");
        WeightFiles.save(a, path, NameMap.DEEPLAB_V2_REFERENCE);
        List<String> names = decodeNames(path);
        assertTrue(names.contains("Scale.layer5.conv2d_list.3.weight"), names.toString());
        assertTrue(names.contains("Scale.layer1.0.downsample.1.running_var"), names.toString());
        Segmenter b = network("deeplabv2-tiny-clan", 19, 4);
        assertTrue(WeightFiles.load(b, path, NameMap.DEEPLAB_V2_REFERENCE).complete());
        assertSameOutputs(expected, outputs(b, x, false));

        // trained reference checkpoints have no prefix, and PyTorch adds num_batches_tracked counters
        Path plain = dir.resolve("plain.npz");
        NDList list = new NDList();
        a.parameters().forEach((n, p) -> list.add(named(p.getArray().duplicate(), n)));
        list.add(named(manager.create(new long[] {7}), "bn1.num_batches_tracked"));
        write(list, plain);
        Segmenter c = network("deeplabv2-tiny-clan", 19, 5);
        WeightImportReport report = WeightFiles.load(c, plain, NameMap.DEEPLAB_V2_REFERENCE);
        assertTrue(report.complete(), report.summary());
        assertEquals(List.of("bn1.num_batches_tracked"), report.ignored());
        assertSameOutputs(expected, outputs(c, x, false));

        var e = assertThrows(AdaptsegException.class, () -> WeightFiles.load(network("deeplabv3plus-tiny", 19, 1),
                path, NameMap.DEEPLAB_V2_REFERENCE));
        assertTrue(e.getMessage().contains("deeplabv3plus-tiny"), e.getMessage());
    }

    @Test
    void torchvisionNamesCoverTheTrunkAndReportHeadsMissingAndFcUnexpected() throws Exception {
        Segmenter a = network("deeplabv2-tiny-multi", 5, 6);
        Path path = dir.resolve("resnet.safetensors");
        int written = WeightFiles.save(a, path, NameMap.TORCHVISION);
        List<String> names = decodeNames(path);
        assertEquals(written, names.size());
        assertTrue(names.stream().noneMatch(n -> n.startsWith("layer5") || n.startsWith("layer6")));
        // a torchvision checkpoint also has the ImageNet classifier
        NDList withFc = decode(path);
        withFc.add(named(manager.zeros(new Shape(1000, 256)), "fc.weight"));
        withFc.add(named(manager.zeros(new Shape(1000)), "fc.bias"));
        Path tv = dir.resolve("tv.npz");
        write(withFc, tv);

        Segmenter b = network("deeplabv3plus-tiny", 5, 7);
        WeightImportReport report = WeightFiles.load(b, tv, NameMap.TORCHVISION);
        assertEquals(List.of("fc.weight", "fc.bias"), report.unexpected());
        assertTrue(report.missing().stream().allMatch(n -> n.startsWith("aspp.") || n.startsWith("decoder.")),
                report.missing().toString());
        assertFalse(report.missing().isEmpty());
        assertEquals(written, report.loaded().size());
        assertArrayEquals(a.parameters().get("layer4.0.conv2.weight").getArray().toFloatArray(),
                b.parameters().get("layer4.0.conv2.weight").getArray().toFloatArray());
        var e = assertThrows(AdaptsegException.class, report::requireComplete);
        assertTrue(e.getMessage().contains("fc.weight") && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void anotherClassCountReinitialisesTheHeadsAndReportsThem() throws Exception {
        Segmenter a = network("deeplabv2-tiny-multi", 19, 8);
        Path path = dir.resolve("w19.npz");
        WeightFiles.save(a, path, NameMap.OURS);
        Segmenter b = network("deeplabv2-tiny-multi", 5, 9);
        float[] before = b.parameters().get("layer6.conv2d_list.0.weight").getArray().toFloatArray();
        WeightImportReport report = WeightFiles.load(b, path, NameMap.OURS);
        assertEquals(16, report.reinitialised().size());
        assertTrue(report.reinitialised().contains("layer6.conv2d_list.0.weight: file (19, 256, 3, 3), model (5, 256, 3, 3)"),
                report.reinitialised().toString());
        assertTrue(report.missing().isEmpty() && report.unexpected().isEmpty());
        assertFalse(report.complete());
        float[] after = b.parameters().get("layer6.conv2d_list.0.weight").getArray().toFloatArray();
        assertFalse(java.util.Arrays.equals(before, after), "re-drawn from the initialiser");
        double std = Math.sqrt(b.parameters().get("layer6.conv2d_list.0.weight").getArray().square().mean().getFloat());
        assertEquals(0.01, std, 0.002, "normal(0, 0.01) as the reference");
        assertArrayEquals(a.parameters().get("layer4.0.conv3.weight").getArray().toFloatArray(),
                b.parameters().get("layer4.0.conv3.weight").getArray().toFloatArray());
    }

    @Test
    void shapeMismatchOutsideTheHeadsNamesTheTensorAndBothShapes() throws Exception {
        Segmenter a = network("deeplabv2-tiny-multi", 5, 10);
        NDList list = new NDList();
        a.parameters().forEach((n, p) -> list.add(named(n.equals("layer2.0.conv2.weight")
                ? manager.zeros(new Shape(16, 16, 1, 1)) : p.getArray().duplicate(), n)));
        Path path = dir.resolve("bad.npz");
        write(list, path);
        var e = assertThrows(AdaptsegException.class, () -> WeightFiles.load(network("deeplabv2-tiny-multi", 5, 11),
                path, NameMap.OURS));
        assertTrue(e.getMessage().contains("layer2.0.conv2.weight") && e.getMessage().contains("(16, 16, 1, 1)")
                && e.getMessage().contains("(16, 16, 3, 3)") && e.getMessage().contains("bad.npz"), e.getMessage());
    }

    @Test
    void missingAndUnexpectedTensorsAreReported() throws Exception {
        Segmenter a = network("deeplabv2-tiny-single", 5, 12);
        NDList list = new NDList();
        a.parameters().forEach((n, p) -> {
            if (!n.startsWith("layer4.0.bn3.")) {
                list.add(named(p.getArray().duplicate(), n));
            }
        });
        list.add(named(manager.ones(new Shape(3)), "extra.tensor"));
        Path path = dir.resolve("partial.npz");
        write(list, path);
        WeightImportReport report = WeightFiles.load(network("deeplabv2-tiny-single", 5, 13), path, NameMap.OURS);
        assertEquals(List.of("layer4.0.bn3.weight", "layer4.0.bn3.bias", "layer4.0.bn3.running_mean",
                "layer4.0.bn3.running_var"), report.missing());
        assertEquals(List.of("extra.tensor"), report.unexpected());
        assertTrue(report.summary().contains("4 missing"), report.summary());
    }

    @Test
    void badFilesGiveMessagesNamingTheFile() throws Exception {
        Segmenter s = network("deeplabv2-tiny-single", 5, 14);
        var e1 = assertThrows(AdaptsegException.class, () -> WeightFiles.load(s, dir.resolve("w.bin"), NameMap.OURS));
        assertTrue(e1.getMessage().contains("w.bin") && e1.getMessage().contains(".pth") && e1.getMessage().contains(".npz"), e1.getMessage());
        var e2 = assertThrows(AdaptsegException.class, () -> WeightFiles.load(s, dir.resolve("none.npz"), NameMap.OURS));
        assertTrue(e2.getMessage().contains("none.npz") && e2.getMessage().contains("not found"), e2.getMessage());
        Path junk = dir.resolve("junk.safetensors");
        Files.writeString(junk, "not a weight file");
        var e3 = assertThrows(AdaptsegException.class, () -> WeightFiles.load(s, junk, NameMap.OURS));
        assertTrue(e3.getMessage().contains("junk.safetensors"), e3.getMessage());
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }

    private void write(NDList list, Path path) throws Exception {
        var encoding = path.toString().endsWith(".npz") ? NDList.Encoding.NPZ : NDList.Encoding.SAFETENSORS;
        try (OutputStream out = Files.newOutputStream(path)) {
            list.encode(out, encoding);
        }
    }

    private NDList decode(Path path) throws Exception {
        try (var in = Files.newInputStream(path)) {
            return NDList.decode(manager, in);
        }
    }

    private List<String> decodeNames(Path path) throws Exception {
        return decode(path).stream().map(NDArray::getName).toList();
    }
}
