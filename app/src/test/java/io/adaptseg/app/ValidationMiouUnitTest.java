package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.checkpoint.TrainingState;
import io.adaptseg.train.model.Segmenter;
import io.adaptseg.train.model.SegmenterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One unit for mIoU where people read it: a checkpoint validated at 10.47 % (state.json keeps the
 * fraction 0.1047) exports {@code adaptseg.val_miou} = 10.47 (percent, as the model contract says) and
 * {@code info} prints "val mIoU 10.47 %".
 */
class ValidationMiouUnitTest {
    @Test
    void theModelSaysPercentAndInfoPrintsItWithTwoDecimals(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Segmenter s = SegmenterRegistry.create("deeplabv2-tiny-single", 19);
            s.initialize(manager);
            String config = "model: deeplabv2-tiny-single\nlabel-set: cityscapes19\nmethod: source-only\n"
                    + "input-size-target: 96,64\ndata-dir: data/gta5\n";
            Checkpoint.write(dir.resolve("snap"), new TrainingState(40, Map.of(), 0.1047, 40), Map.of("G", s.block()),
                    Map.of(), config, List.of());
        }
        Path model = dir.resolve("m.onnx");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Main main = new Main(Commands.all(), print, print);
        assertEquals(0, main.run(new String[] {"export", "--checkpoint", dir.resolve("snap").toString(), "--out", model.toString()}),
                out.toString(StandardCharsets.UTF_8));
        double stored = Double.parseDouble(OnnxModels.metadata(OnnxModels.read(model)).get("adaptseg.val_miou"));
        assertEquals(10.47, stored, 1e-9);
        out.reset();
        assertEquals(0, main.run(new String[] {"info", "--model", model.toString()}));
        String info = out.toString(StandardCharsets.UTF_8);
        assertTrue(info.contains("iteration 40, val mIoU 10.47 %"), info);
    }
}
