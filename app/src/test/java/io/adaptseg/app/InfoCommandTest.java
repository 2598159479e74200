package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.runtime.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code adaptseg info} in-process on a small real ONNX model. */
class InfoCommandTest {
    @Test
    void printsTheInputSizeAsWidthByHeight(@TempDir Path dir) throws Exception {
        // TestModels.cityscapes is trained at height 32, width 64 (its metadata stores 32x64, H×W)
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(Commands.all(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[] {"info", "--model", model.toString()});
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("input size: 64x32 (WxH)"), text);
        // where ONNX Runtime ran the nodes, from its profiler, not the requested provider
        assertTrue(text.matches("(?s).*\\nplacement: CPUExecutionProvider \\d+ nodes \\(native backend, \\[cpu\\]\\)\\n.*"), text);
    }
}
