package io.adaptseg.train.model;

import java.util.Arrays;

/**
 * Size of a ResNet trunk: bottleneck blocks per layer, stem channels and the base width (planes of
 * layer1; layer k has {@code width * 2^(k-1)} planes and 4× as many output channels).
 */
public record ResNetSpec(String id, int[] blocks, int stemChannels, int width) {
    /** ResNet-101: 3, 4, 23, 3 blocks, 64 wide. */
    public static final ResNetSpec R101 = new ResNetSpec("r101", new int[] {3, 4, 23, 3}, 64, 64);
    /** ResNet-50: 3, 4, 6, 3 blocks, 64 wide. */
    public static final ResNetSpec R50 = new ResNetSpec("r50", new int[] {3, 4, 6, 3}, 64, 64);
    /**
     * The reduced trunk for CPU tests and the demo: 2, 1, 2, 1 blocks (so dilated layers have a
     * projection and an identity-shortcut block), 8 wide: layer3 has 128 and layer4 256 channels.
     */
    public static final ResNetSpec TINY = new ResNetSpec("tiny", new int[] {2, 1, 2, 1}, 8, 8);

    public ResNetSpec {
        if (blocks.length != 4 || Arrays.stream(blocks).anyMatch(b -> b < 1) || stemChannels < 1 || width < 1) {
            throw new IllegalArgumentException("invalid ResNet spec " + id + ": blocks " + Arrays.toString(blocks)
                    + ", stem " + stemChannels + ", width " + width);
        }
        blocks = blocks.clone();
    }

    @Override
    public int[] blocks() {
        return blocks.clone();
    }

    /** Output channels of layer {@code k} (1-based). */
    public int channels(int k) {
        return width * (1 << (k - 1)) * Bottlenecks.EXPANSION;
    }
}
