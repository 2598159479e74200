package io.adaptseg.app.demo;

import io.adaptseg.synth.SynthConfig;
import io.adaptseg.synth.SynthDataset;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;

/**
 * What the demo runs on: the output folder; the synthetic data size (full or {@code quick}) unless
 * real folders are given; the training configs; and checkpoints that replace training.
 *
 * @param source GTA5-layout source folder (empty: synthetic)
 * @param target Cityscapes-layout target root with leftImg8bit/ and gtFine/ (empty: synthetic)
 * @param sourceOnlyConfig training config of the source-only model (empty: the synthetic default)
 * @param advnetConfig training config of the AdvNet model (empty: the synthetic default)
 * @param sourceOnlyCheckpoint a trained source-only checkpoint to use instead of training
 * @param advnetCheckpoint a trained AdvNet checkpoint to use instead of training
 * @param samples how many val images the HTML report shows
 */
public record DemoSettings(Path out, boolean quick, Optional<Path> source, Optional<Path> target,
        Optional<Path> sourceOnlyConfig, Optional<Path> advnetConfig, Optional<Path> sourceOnlyCheckpoint,
        Optional<Path> advnetCheckpoint, int samples) {
    /** The synthetic dataset: 512x256 (WxH) with 300 source, 100 target train and 40 val images; quick: 128x64, 16/8/6. */
    public SynthConfig synthConfig() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        EnumSet<SynthDataset> sets = EnumSet.of(SynthDataset.GTA5, SynthDataset.CITYSCAPES);
        return quick ? new SynthConfig(1, 64, 128, 16, 8, 6, sets, threads)
                : new SynthConfig(1, 256, 512, 300, 100, 40, sets, threads);
    }

    /** Defaults: {@code ./adaptseg-out/demo}, synthetic data, full size, four samples. */
    public static DemoSettings defaults(Path out) {
        return new DemoSettings(out, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 4);
    }
}
