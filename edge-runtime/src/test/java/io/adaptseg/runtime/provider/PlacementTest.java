package io.adaptseg.runtime.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ONNX Runtime's profile: nodes per provider, and the CPU's operators beside an accelerator. */
class PlacementTest {
    private static String event(String node, String op, String provider, String suffix) {
        return "{\"cat\":\"Node\",\"ph\":\"X\",\"name\":\"" + node + suffix + "\",\"args\":{\"op_name\":\"" + op
                + "\",\"provider\":\"" + provider + "\"}}";
    }

    @Test
    void countsEachNodeOnceAndListsTheCpusOperatorsBesideAnAccelerator(@TempDir Path dir) throws IOException {
        String cann = "CANNExecutionProvider";
        String cpu = "CPUExecutionProvider";
        List<String> events = List.of(
                "{\"cat\":\"Session\",\"name\":\"model_loading_uri\",\"args\":{}}",
                event("conv1", "Conv", cann, "_fence_before"), event("conv1", "Conv", cann, "_kernel_time"),
                event("conv1", "Conv", cann, "_fence_after"), event("conv2", "Conv", cann, "_kernel_time"),
                event("relu", "Relu", cann, "_kernel_time"), event("up", "Resize", cpu, "_kernel_time"),
                event("argmax", "ArgMax", cpu, "_kernel_time"), event("conv1", "Conv", cann, "_kernel_time"));
        Path profile = Files.writeString(dir.resolve("p.json"), "[" + String.join(",\n", events) + "]");
        Placement p = Placement.fromProfile(profile);
        assertEquals("placement: CANNExecutionProvider 3 nodes, CPUExecutionProvider 2 nodes (ArgMax, Resize)",
                p.toLine());
        assertEquals(List.of("ArgMax", "Resize"), p.cpuOpTypesBesideAccelerator());

        Path cpuOnly = Files.writeString(dir.resolve("c.json"), "[" + event("up", "Resize", cpu, "_kernel_time") + "]");
        assertEquals("placement: CPUExecutionProvider 1 node", Placement.fromProfile(cpuOnly).toLine());
        assertTrue(Placement.fromProfile(cpuOnly).cpuOpTypesBesideAccelerator().isEmpty());

        Path notProfile = Files.writeString(dir.resolve("x.json"), "{\"a\": 1}");
        IOException e = assertThrows(IOException.class, () -> Placement.fromProfile(notProfile));
        assertTrue(e.getMessage().startsWith(notProfile + ": not an ONNX Runtime profile"), e.getMessage());
    }
}
