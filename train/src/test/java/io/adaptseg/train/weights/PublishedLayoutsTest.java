package io.adaptseg.train.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import io.adaptseg.train.weights.torch.TorchFiles;
import io.adaptseg.train.weights.torch.TorchFixtures;
import io.adaptseg.train.weights.torch.TorchTensor;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every name map against the layout the community publishes, with the report each import must give. */
class PublishedLayoutsTest {
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

    private Segmenter network(String name, int classes) throws AdaptsegException {
        Engine.getInstance().setRandomSeed(7);
        Segmenter s = SegmenterRegistry.create(name, classes);
        s.initialize(manager);
        return s;
    }

    private static List<String> names(Segmenter s, String... prefixes) {
        return s.parameters().keySet().stream().filter(n -> List.of(prefixes).stream().anyMatch(n::startsWith)).toList();
    }

    private static float[] fileValues(Path file, String name) throws AdaptsegException {
        return TorchFiles.read(file).tensors().stream().filter(t -> t.name().equals(name)).findFirst()
                .map(TorchTensor::floats).orElseThrow();
    }

    @Test
    void cocoInitLoadsTheTrunkIntoEveryDeepLabV2VariantAndSkipsLayer5AsTheReference() throws Exception {
        Path file = TorchFixtures.unpack("coco-init-legacy.pth", dir);
        for (String arch : List.of("deeplabv2-tiny-multi", "deeplabv2-tiny-clan", "deeplabv2-tiny-single")) {
            Segmenter s = network(arch, 19);
            WeightImportReport r = WeightFiles.load(s, file);
            List<String> heads = names(s, "layer5.", "layer6.");
            assertEquals(s.parameters().size() - heads.size(), r.loaded().size(), arch + ": " + r.summary());
            assertEquals(heads, r.missing(), arch);
            assertEquals(8, r.skipped().size(), r.skipped().toString());
            assertTrue(r.skipped().get(0).startsWith("Scale.layer5.conv2d_list.0.weight: the COCO init's layer5"),
                    r.skipped().get(0));
            assertTrue(r.unexpected().isEmpty() && r.reinitialised().isEmpty() && r.ignored().isEmpty(), r.summary());
            assertEquals("PyTorch legacy format", r.choices().get(0));
            assertTrue(r.choices().get(1).startsWith("name map deeplabv2-coco-init (detected: 'Scale.' prefix, a 21-class"),
                    r.choicesLine());
            assertArrayEquals(fileValues(file, "Scale.layer4.0.conv2.weight"),
                    s.parameters().get("layer4.0.conv2.weight").getArray().toFloatArray());
        }
    }

    @Test
    void maxSquareCheckpointLoadsCompletelyIntoTheMultiLevelNetworkAndNamesTheRightLayoutOtherwise() throws Exception {
        Path file = TorchFixtures.unpack("maxsquare-multi.pth", dir);
        Segmenter s = network("deeplabv2-tiny-multi", 19);
        WeightImportReport r = WeightFiles.load(s, file);
        assertTrue(r.complete(), r.summary());
        assertEquals(s.parameters().size(), r.loaded().size());
        assertTrue(r.ignored().stream().allMatch(n -> n.endsWith("num_batches_tracked")) && !r.ignored().isEmpty());
        assertEquals(List.of("PyTorch zip format", "state dict under 'state_dict'",
                "'module.' prefix removed (saved from nn.DataParallel)",
                "name map deeplabv2-reference (detected: DeepLab-v2 heads layer5/layer6 (multi layout))", "head layout multi"),
                r.choices());
        assertArrayEquals(fileValues(file, "layer5.conv2d_list.2.weight"),
                s.parameters().get("layer5.conv2d_list.2.weight").getArray().toFloatArray());

        var e = assertThrows(AdaptsegException.class, () -> WeightFiles.load(network("deeplabv2-tiny-clan", 19), file));
        assertTrue(e.getMessage().contains("multi-level head layout") && e.getMessage().contains("use deeplabv2-tiny-multi"),
                e.getMessage());
    }

    @Test
    void cagCheckpointLoadsCompletelyIntoDeepLabV3Plus() throws Exception {
        Path file = TorchFixtures.unpack("cag-deeplabv3plus.pkl", dir);
        Segmenter s = network("deeplabv3plus-tiny", 19);
        WeightImportReport r = WeightFiles.load(s, file);
        assertTrue(r.complete(), r.summary());
        assertEquals(s.parameters().size(), r.loaded().size());
        assertTrue(r.choicesLine().contains("name map cag (detected"), r.choicesLine());
        assertArrayEquals(fileValues(file, "decoder.last_conv.8.weight"),
                s.parameters().get("decoder.classifier.weight").getArray().toFloatArray());
        assertArrayEquals(fileValues(file, "aspp.global_avg_pool.2.running_var"),
                s.parameters().get("aspp.branches.4.bn.running_var").getArray().toFloatArray());
        assertArrayEquals(fileValues(file, "backbone.layer4.0.downsample.1.weight"),
                s.parameters().get("layer4.0.downsample.1.weight").getArray().toFloatArray());
        var e = assertThrows(AdaptsegException.class, () -> WeightFiles.load(network("deeplabv2-tiny-multi", 19), file));
        assertTrue(e.getMessage().contains("name map cag does not apply to deeplabv2-tiny-multi"), e.getMessage());
    }

    @Test
    void adaptSegNetAndClanReleasesLoadIntoTheirLayoutsAndNotIntoTheOther() throws Exception {
        // released AdaptSegNet/CLAN checkpoints are plain model.state_dict() files: our DeepLab-v2 names
        for (String layout : List.of("multi", "clan")) {
            Segmenter a = network("deeplabv2-tiny-" + layout, 19);
            Path file = dir.resolve(layout + ".safetensors");
            WeightFiles.save(a, file, NameMap.OURS);
            Segmenter b = network("deeplabv2-tiny-" + layout, 19);
            WeightImportReport r = WeightFiles.load(b, file);
            assertTrue(r.complete(), r.summary());
            assertTrue(r.choices().contains("head layout " + layout), r.choicesLine());
            String other = layout.equals("multi") ? "clan" : "multi";
            var e = assertThrows(AdaptsegException.class, () -> WeightFiles.load(network("deeplabv2-tiny-" + other, 19),
                    file));
            assertTrue(e.getMessage().contains("use deeplabv2-tiny-" + layout) && e.getMessage().contains(layout + ".safetensors"),
                    e.getMessage());
        }
    }

    @Test
    void torchvisionResNetLoadsTheTrunkOfBothFamilies() throws Exception {
        Segmenter a = network("deeplabv3plus-tiny", 19);
        Path trunk = dir.resolve("trunk.npz");
        int written = WeightFiles.save(a, trunk, NameMap.TORCHVISION);
        NDList list;
        try (var in = Files.newInputStream(trunk)) {
            list = NDList.decode(manager, in);
        }
        list.add(named(manager.zeros(new Shape(1000, 256)), "fc.weight"));
        list.add(named(manager.zeros(new Shape(1000)), "fc.bias"));
        Path tv = dir.resolve("resnet-tiny.npz");
        try (OutputStream out = Files.newOutputStream(tv)) {
            list.encode(out, NDList.Encoding.NPZ);
        }
        for (String arch : List.of("deeplabv3plus-tiny", "deeplabv2-tiny-multi")) {
            Segmenter s = network(arch, 19);
            WeightImportReport r = WeightFiles.load(s, tv);
            assertEquals(written, r.loaded().size(), arch);
            assertEquals(List.of("fc.weight", "fc.bias"), r.unexpected());
            assertTrue(r.choicesLine().contains("name map torchvision (detected"), r.choicesLine());
            assertEquals(s.parameters().size() - written, r.missing().size());
        }
    }

    private static NDArray named(NDArray a, String name) {
        a.setName(name);
        return a;
    }
}
