package io.adaptseg.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adaptseg.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The configs the gap experiment builds as {@code with…} copies equal those their YAML text used to give
 * (the text below is what that code concatenated), so the experiments train exactly as before.
 */
class GapExperimentConfigTest {
    @Test
    void gapExperimentConfig() throws Exception {
        Path out = Path.of("/tmp/gap");
        GapExperiment.Settings s = new GapExperiment.Settings(out, "deeplabv2-tiny-multi", 128, 64, 40, 8, 20, 10, 30, 2, 2.5e-3,
                7);
        GapExperiment.Domains d = new GapExperiment.Domains(out.resolve("data"), out.resolve("source-train.txt"),
                out.resolve("source-heldout.txt"));
        String yaml = String.join("\n", "model: deeplabv2-tiny-multi", "method: advnet", "source-dataset: gta5",
                "data-dir: /tmp/gap/data/gta5", "data-list: /tmp/gap/source-train.txt", "target-dataset: cityscapes",
                "data-dir-target: /tmp/gap/data/cityscapes", "input-size: 128,64", "input-size-target: 128,64", "batch-size: 2",
                "num-workers: 2", "random-mirror: true", "snapshot-dir: /tmp/gap/advnet", "learning-rate: 0.0025",
                "num-steps: 30", "num-steps-stop: 30", "save-pred-every: 30", "log-every: 3", "random-seed: 7", "");
        TrainConfig expected = TrainConfig.parse(yaml, "experiment (advnet)", List.of());
        assertEquals(expected, GapExperiment.config(s, "deeplabv2-tiny-multi", "advnet", d, out.resolve("advnet"), c -> c));
    }
}
