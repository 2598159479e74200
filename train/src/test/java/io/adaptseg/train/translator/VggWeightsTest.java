package io.adaptseg.train.translator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.model.ParameterNames;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VggWeights} on files written here in the two layouts: the AdaIN reference's
 * {@code vgg_normalised} names (with the layers after relu4_1 it does not use) and torchvision's
 * {@code features.N}; a file of neither layout and a wrong shape are errors naming the file.
 */
class VggWeightsTest {
    @TempDir
    Path dir;

    private static Path write(Path file, NDManager m, Map<String, NDArray> tensors) throws Exception {
        NDList list = new NDList();
        tensors.forEach((name, a) -> {
            a.setName(name);
            list.add(a);
        });
        try (OutputStream out = Files.newOutputStream(file)) {
            list.encode(out, NDList.Encoding.NPZ);
        }
        return file;
    }

    @Test
    void readsBothLayoutsIntoTheEncoder() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, Parameter> source = ParameterNames.of(Translator.create(m).encoder());
            Map<String, NDArray> reference = new java.util.LinkedHashMap<>();
            source.forEach((name, p) -> reference.put(name, p.getArray().duplicate()));
            reference.put("31.weight", m.randomNormal(new ai.djl.ndarray.types.Shape(512, 512, 3, 3)));
            Path normalised = write(dir.resolve("vgg_normalised.npz"), m, reference);
            Translator target = Translator.create(m);
            VggWeights.Report r = VggWeights.load(target.encoder(), normalised);
            assertEquals("AdaIN vgg_normalised", r.layout());
            assertEquals(20, r.used());
            assertEquals(1, r.unused());
            Map<String, Parameter> loaded = ParameterNames.of(target.encoder());
            source.forEach((name, p) -> assertArrayEquals(p.getArray().toFloatArray(), loaded.get(name).getArray().toFloatArray(),
                    name));

            Map<String, NDArray> torchvision = new java.util.LinkedHashMap<>();
            List<String> tv = VggWeights.torchvisionNames();
            for (int i = 0; i < VggEncoder.CONVOLUTIONS.size(); i++) {
                String ours = VggEncoder.CONVOLUTIONS.get(i);
                torchvision.put(tv.get(2 * i), source.get(ours + ".weight").getArray().duplicate());
                torchvision.put(tv.get(2 * i + 1), source.get(ours + ".bias").getArray().duplicate());
            }
            torchvision.put("classifier.6.bias", m.zeros(new ai.djl.ndarray.types.Shape(1000)));
            Translator fromTv = Translator.create(m);
            VggWeights.Report t = VggWeights.load(fromTv.encoder(), write(dir.resolve("vgg19.npz"), m, torchvision));
            assertEquals("torchvision vgg19", t.layout());
            Map<String, Parameter> got = ParameterNames.of(fromTv.encoder());
            assertArrayEquals(source.get("2.weight").getArray().toFloatArray(), got.get("2.weight").getArray().toFloatArray());
            assertArrayEquals(source.get("29.bias").getArray().toFloatArray(), got.get("29.bias").getArray().toFloatArray());
            // the 1x1 convolution is torchvision's (x - mean) / std: red 0.485 -> 0, 1 -> (1 - 0.485) / 0.229
            float[] w = got.get("0.weight").getArray().toFloatArray();
            float[] b = got.get("0.bias").getArray().toFloatArray();
            assertEquals(0.0, 0.485 * w[0] + b[0], 1e-6);
            assertEquals((1 - 0.485) / 0.229, w[0] + b[0], 1e-5);
            assertEquals(0.0, w[1], 0.0);
        }
    }

    @Test
    void otherFilesAreNamedErrors() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path other = write(dir.resolve("resnet.npz"), m, Map.of("conv1.weight", m.zeros(new ai.djl.ndarray.types.Shape(64, 3, 7, 7))));
            Translator t = Translator.create(m);
            AdaptsegException e = assertThrows(AdaptsegException.class, () -> VggWeights.load(t.encoder(), other));
            assertTrue(e.getMessage().startsWith(other + ": not a VGG-19 state dict"), e.getMessage());
            Map<String, NDArray> bad = new java.util.LinkedHashMap<>();
            ParameterNames.of(t.encoder()).forEach((name, p) -> bad.put(name, p.getArray().duplicate()));
            bad.put("5.weight", m.zeros(new ai.djl.ndarray.types.Shape(64, 64, 1, 1)));
            Path wrong = write(dir.resolve("wrong.npz"), m, bad);
            AdaptsegException s = assertThrows(AdaptsegException.class, () -> VggWeights.load(t.encoder(), wrong));
            assertTrue(s.getMessage().contains("'5.weight' has shape [64, 64, 1, 1]"), s.getMessage());
            AdaptsegException missing = assertThrows(AdaptsegException.class,
                    () -> VggWeights.load(t.encoder(), dir.resolve("absent.pth")));
            assertTrue(missing.getMessage().contains("absent.pth: weight file not found"), missing.getMessage());
        }
    }
}
