package io.adaptseg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.train.config.TrainConfig;
import io.adaptseg.train.device.TrainingDevice;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The config the training benchmark builds as a {@code with…} copy equals the one its YAML text used
 * to give (the text below is what that code concatenated), so the benchmark trains exactly as before.
 */
class TrainBenchmarkConfigTest {
    @Test
    void benchmarkConfig() throws Exception {
        String yaml = String.join("\n", "model: deeplabv2-tiny-multi", "method: clan", "source-dataset: gta5",
                "data-dir: /b/data/gta5", "target-dataset: cityscapes", "data-dir-target: /b/data/cityscapes",
                "input-size: 256,128", "input-size-target: 256,128", "batch-size: 1", "num-workers: 2", "random-mirror: true",
                "snapshot-dir: /b/work/a", "learning-rate: 1.0e-4", "num-steps: 1000", "num-steps-stop: 2",
                "save-pred-every: 1000", "log-every: 1", "");
        TrainConfig expected = TrainConfig.parse(yaml, "bench train (deeplabv2-tiny-multi, clan)", List.of());
        assertEquals(expected, TrainBenchmark.config("deeplabv2-tiny-multi", "clan", 256, 128, 1, 2, Path.of("/b/data"),
                Path.of("/b/work/a"), TrainingDevice.CPU));
    }

    @Test
    void benchmarkConfigCarriesTheDevice() throws Exception {
        TrainConfig c = TrainBenchmark.config("deeplabv2-tiny-multi", "clan", 256, 128, 1, 2, Path.of("/b/data"),
                Path.of("/b/work/a"), TrainingDevice.gpu(1));
        assertEquals(TrainingDevice.gpu(1), c.run().device());
        assertTrue(c.toYaml().contains("device: gpu:1"), c.toYaml());
    }
}
