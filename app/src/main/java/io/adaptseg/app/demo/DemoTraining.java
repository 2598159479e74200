package io.adaptseg.app.demo;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.core.resample.Convention;
import io.adaptseg.train.checkpoint.Checkpoint;
import io.adaptseg.train.config.DataSettings;
import io.adaptseg.train.config.Size;
import io.adaptseg.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
        boolean synthetic = settings.source().isEmpty() && settings.target().isEmpty();
        Optional<Path> source = settings.source().or(() -> synthetic ? Optional.of(root.resolve("data/gta5")) : Optional.empty());
        Optional<Path> target = settings.target()
                .or(() -> synthetic ? Optional.of(root.resolve("data/cityscapes")) : Optional.empty());
        Optional<Path> file = method.equals("advnet") ? settings.advnetConfig() : settings.sourceOnlyConfig();
        TrainConfig config = file.isPresent() ? TrainConfig.read(file.get(), List.of()) : builtIn(method, settings.quick());
        return config
                .withData(d -> {
                    DataSettings withSource = source.map(p -> d.withSource(p.toAbsolutePath(), d.dataList())).orElse(d);
                    return target.map(p -> withSource.withTargetDir(p.toAbsolutePath())).orElse(withSource);
                })
                .withSchedule(s -> s.withSnapshotDir(snapshots.toAbsolutePath()));
    }

    /** The built-in config: tiny two-head DeepLab-v2 at 256x128 (quick: 128x64), SGD 1e-2, poly. */
    static TrainConfig builtIn(String method, boolean quick) throws AdaptsegException {
        int steps = quick ? QUICK_STEPS : STEPS;
        Size size = quick ? new Size(128, 64) : new Size(256, 128);
        return TrainConfig.defaults("built-in demo config (" + method + ")", "deeplabv2-tiny-multi", Path.of("data/gta5"))
                .withRun(r -> r.withMethod(method))
                .withData(d -> d.withInputSizes(size, size).withBatch(2, 1))
                .withAugmentation(a -> a.withMirror(true))
                // unchanged demo behaviour: half-pixel logits upsampling, what its exported models declare
                .withNetwork(n -> n.withLogitsUpsampling(Convention.HALF_PIXEL))
                // a tiny segmenter gets a matching discriminator: at width 64 the two
                // discriminators cost 20x the segmenter per iteration on 2 cores
                .withDiscriminator(d -> d.withWidth(16))
                .withSchedule(s -> s.withLearningRate(1.0e-2).withSteps(steps, Math.max(1, steps / 10)));
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
