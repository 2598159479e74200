package io.adaptseg.train.weights.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchFilesTest {
    @TempDir
    Path dir;

    private static Map<String, TorchTensor> byName(TorchStateDict sd) {
        Map<String, TorchTensor> m = new LinkedHashMap<>();
        sd.tensors().forEach(t -> m.put(t.name(), t));
        return m;
    }

    @Test
    void float16Bfloat16Float64StridesAndOffsetsConvertExactlyInBothFormats() throws Exception {
        for (String file : List.of("dtypes.pth", "dtypes-legacy.pth")) {
            TorchStateDict sd = TorchFiles.read(TorchFixtures.unpack(file, dir));
            assertEquals(file.contains("legacy") ? "legacy" : "zip", sd.format());
            Map<String, TorchTensor> t = byName(sd);
            assertEquals(StorageType.FLOAT16, t.get("half").type());
            assertEquals(StorageType.BFLOAT16, t.get("bfloat16").type());
            assertEquals(StorageType.FLOAT64, t.get("double").type());
            for (String name : List.of("half", "bfloat16", "double", "transposed", "offset_view", "base",
                    "half_transposed")) {
                TorchTensor ref = t.get("ref." + name);
                assertEquals(StorageType.FLOAT32, ref.type(), name);
                assertArrayEquals(ref.shape(), t.get(name).shape(), file + " " + name);
                // bit for bit, NaN, infinities, -0 and float16 subnormals included
                float[] got = t.get(name).floats();
                for (int i = 0; i < got.length; i++) {
                    assertEquals(Float.floatToIntBits(ref.floats()[i]), Float.floatToIntBits(got[i]),
                            file + " " + name + "[" + i + "]: " + got[i] + " vs " + ref.floats()[i]);
                }
            }
            assertArrayEquals(new long[] {6, 4}, t.get("transposed").shape());
            assertEquals(0.125f, t.get("transposed").floats()[4 + 0], "row 1, column 0 of the transpose is base[0][1]");
            assertArrayEquals(new float[] {1.0f, 1.125f, 1.25f, 1.75f, 1.875f, 2.0f}, t.get("offset_view").floats());
            TorchTensor longs = t.get("long");
            assertEquals(StorageType.INT64, longs.type());
            assertNull(longs.floats());
            assertArrayEquals(new long[] {1, -2, 1L << 40, 7, 0, -(1L << 50)}, longs.longs());
        }
    }

    @Test
    void trainingCheckpointsGiveTheirStateDictWithoutContainerAndModulePrefix() throws Exception {
        TorchStateDict maxsquare = TorchFiles.read(TorchFixtures.unpack("maxsquare-multi.pth", dir));
        assertEquals(List.of("state dict under 'state_dict'", "'module.' prefix removed (saved from nn.DataParallel)"),
                maxsquare.notes());
        Map<String, TorchTensor> m = byName(maxsquare);
        assertTrue(m.containsKey("layer6.conv2d_list.3.bias") && m.containsKey("bn1.num_batches_tracked"), m.keySet()
                .toString());
        assertArrayEquals(new long[] {19, 128, 3, 3}, m.get("layer5.conv2d_list.0.weight").shape());
        assertFalse(m.keySet().stream().anyMatch(k -> k.contains("momentum")), "optimizer state is not the state dict");

        // CAG: {'DeepLab': {'model_state': ...}, 'best_iou': numpy.float64} — the numpy scalar is rebuilt, not run
        TorchStateDict cag = TorchFiles.read(TorchFixtures.unpack("cag-deeplabv3plus.pkl", dir));
        assertEquals(List.of("state dict under 'DeepLab' → 'model_state'"), cag.notes());
        assertArrayEquals(new long[] {19, 32, 1, 1}, byName(cag).get("decoder.last_conv.8.weight").shape());

        TorchStateDict coco = TorchFiles.read(TorchFixtures.unpack("coco-init-legacy.pth", dir));
        assertEquals("legacy", coco.format());
        assertTrue(coco.notes().isEmpty(), coco.notes().toString());
        assertArrayEquals(new long[] {21, 256, 3, 3}, byName(coco).get("Scale.layer5.conv2d_list.0.weight").shape());
        assertTrue(coco.tensors().stream().allMatch(t -> t.name().startsWith("Scale.")));
    }

    @Test
    void aGlobalOffTheAllowListIsRefusedByNameAndNothingRuns() throws Exception {
        var e = assertThrows(AdaptsegException.class,
                () -> TorchFiles.read(TorchFixtures.unpack("namespace-global.pth", dir)));
        assertTrue(e.getMessage().contains("namespace-global.pth") && e.getMessage().contains("'argparse.Namespace'")
                && e.getMessage().contains("not allowed"), e.getMessage());

        // a hand-made data.pkl calling os.system("touch <marker>") the way a malicious pickle does
        Path marker = dir.resolve("pwned");
        ByteArrayOutputStream pkl = new ByteArrayOutputStream();
        pkl.write(new byte[] {(byte) 0x80, 2});
        pkl.writeBytes("cposix\nsystem\n".getBytes(StandardCharsets.US_ASCII));
        byte[] cmd = ("touch " + marker).getBytes(StandardCharsets.UTF_8);
        pkl.write('X');
        pkl.writeBytes(new byte[] {(byte) cmd.length, 0, 0, 0});
        pkl.writeBytes(cmd);
        pkl.writeBytes(new byte[] {(byte) 0x85, 'R', '.'});
        Path evil = dir.resolve("evil.pth");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(evil))) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pkl.toByteArray());
            zip.closeEntry();
        }
        var e2 = assertThrows(AdaptsegException.class, () -> TorchFiles.read(evil));
        assertTrue(e2.getMessage().contains("'posix.system'") && e2.getMessage().contains("evil.pth"), e2.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void damagedAndForeignFilesGiveMessagesNamingTheFile() throws Exception {
        Path full = TorchFixtures.unpack("coco-init-legacy.pth", dir);
        Path truncated = dir.resolve("truncated.pth");
        byte[] bytes = Files.readAllBytes(full);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
        var e1 = assertThrows(AdaptsegException.class, () -> TorchFiles.read(truncated));
        assertTrue(e1.getMessage().contains("truncated.pth") && e1.getMessage().contains("truncated"), e1.getMessage());

        Path text = dir.resolve("notes.pth");
        Files.writeString(text, "hello");
        var e2 = assertThrows(AdaptsegException.class, () -> TorchFiles.read(text));
        assertTrue(e2.getMessage().contains("notes.pth") && e2.getMessage().contains("not a PyTorch checkpoint"),
                e2.getMessage());

        var e3 = assertThrows(AdaptsegException.class, () -> TorchFiles.read(dir.resolve("none.pth")));
        assertTrue(e3.getMessage().contains("none.pth") && e3.getMessage().contains("not found"), e3.getMessage());
    }
}
