package io.adaptseg.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.adaptseg.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The demo's built-in configs, built as {@code with…} copies, equal what their YAML text gave (the text
 * below is what the demo concatenated), full size and quick, with the demo's folders set.
 */
class DemoTrainingTest {
    private static String yaml(String method, String size, int steps, String root) {
        return String.join("\n", "model: deeplabv2-tiny-multi", "method: " + method, "source-dataset: gta5",
                "target-dataset: cityscapes", "data-dir: " + root + "/data/gta5", "data-dir-target: " + root + "/data/cityscapes",
                "input-size: " + size, "input-size-target: " + size, "random-mirror: true", "batch-size: 2", "num-workers: 1",
                "learning-rate: 1.0e-2", "learning-rate-D: 1.0e-4", "discriminator-width: 16", "num-steps: " + steps,
                "num-steps-stop: " + steps, "save-pred-every: " + steps, "log-every: " + Math.max(1, steps / 10), "val-every: 0",
                "snapshot-dir: " + root + "/train/" + method,
                // the half-pixel upsampling every earlier demo used (the config default is now align_corners)
                "logits-upsampling: half_pixel", "");
    }

    @Test
    void builtInConfigsAreTheEarlierOnes() throws Exception {
        Path root = Path.of("/tmp/demo-out");
        for (boolean quick : List.of(false, true)) {
            for (String method : List.of("source-only", "advnet")) {
                DemoSettings settings = new DemoSettings(root, quick, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), 4);
                TrainConfig expected = TrainConfig.parse(yaml(method, quick ? "128,64" : "256,128",
                        quick ? DemoTraining.QUICK_STEPS : DemoTraining.STEPS, root.toString()),
                        "built-in demo config (" + method + ")", List.of());
                assertEquals(expected, DemoTraining.config(settings, method, root, root.resolve("train").resolve(method)),
                        method + (quick ? " quick" : ""));
            }
        }
    }
}
