package io.adaptseg.app.demo;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training configs of the demo: the user's config files, or a built-in tiny DeepLab-v2 config
 * sized to finish in minutes on two cores; either way the data folders of this run (when the demo
 * made or was given them) and a snapshot folder under the demo's output are set as overrides.
 */
final class DemoTraining {
    /** Iterations of the built-in configs (full, quick). */
    static final int STEPS = 200;
    static final int QUICK_STEPS = 2;

    private DemoTraining() {
    }

    static TrainConfig config(DemoSettings settings, String method, Path root, Path snapshots) throws AdaptsegException {
        List<String> sets = new ArrayList<>();
        boolean synthetic = settings.source().isEmpty() && settings.target().isEmpty();
        settings.source().or(() -> synthetic ? java.util.Optional.of(root.resolve("data/gta5")) : java.util.Optional.empty())
                .ifPresent(p -> sets.add("data-dir=" + p.toAbsolutePath()));
        settings.target().or(() -> synthetic ? java.util.Optional.of(root.resolve("data/cityscapes")) : java.util.Optional.empty())
                .ifPresent(p -> sets.add("data-dir-target=" + p.toAbsolutePath()));
        sets.add("snapshot-dir=" + snapshots.toAbsolutePath());
        java.util.Optional<Path> file = method.equals("advnet") ? settings.advnetConfig() : settings.sourceOnlyConfig();
        if (file.isPresent()) {
            return TrainConfig.read(file.get(), sets);
        }
        return TrainConfig.parse(builtIn(method, settings.quick()), "built-in demo config (" + method + ")", sets);
    }

    /** The built-in config: tiny two-head DeepLab-v2 at 256x128 (quick: 128x64), SGD 1e-2, poly. */
    static String builtIn(String method, boolean quick) {
        int steps = quick ? QUICK_STEPS : STEPS;
        String size = quick ? "128,64" : "256,128";
        return String.join("\n",
                "model: deeplabv2-tiny-multi",
                "method: " + method,
                "source-dataset: gta5",
                "target-dataset: cityscapes",
                "data-dir: data/gta5",
                "input-size: " + size,
                "input-size-target: " + size,
                "random-mirror: true",
                "batch-size: 2",
                "num-workers: 1",
                "learning-rate: 1.0e-2",
                "learning-rate-D: 1.0e-4",
                // a tiny segmenter gets a matching discriminator: at width 64 the two
                // discriminators cost 20x the segmenter per iteration on 2 cores
                "discriminator-width: 16",
                "num-steps: " + steps,
                "num-steps-stop: " + steps,
                "save-pred-every: " + steps,
                "log-every: " + Math.max(1, steps / 10),
                "val-every: 0",
                "");
    }

    static boolean hasCheckpoint(Path snapshots) {
        try {
            Checkpoint.resolve(snapshots);
            return true;
        } catch (AdaptsegException e) {
            return false;
        }
    }
}
