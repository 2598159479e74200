package io.adaptseg.train.device;

import ai.djl.Device;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device a run's networks, optimiser state and batches live on: the CPU or one CUDA GPU. Written
 * {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}; nothing else is accepted, so a typo such as
 * {@code cuda:0} or {@code GPU} fails with a message instead of silently training on the CPU.
 *
 * @param gpuIndex the CUDA device index, or -1 for the CPU
 */
public record TrainingDevice(int gpuIndex) {
    /** The accepted spellings, for messages. */
    public static final String FORMS = "cpu, gpu or gpu:N (N = 0, 1, ...: the CUDA device index)";
    /** The CPU. */
    public static final TrainingDevice CPU = new TrainingDevice(-1);

    private static final Pattern GPU_N = Pattern.compile("gpu:(0|[1-9][0-9]{0,3})");

    public TrainingDevice {
        if (gpuIndex < -1) {
            throw new IllegalArgumentException("gpu index must be >= 0 (or -1 for the CPU), found " + gpuIndex);
        }
    }

    /** The GPU of CUDA index {@code index}. */
    public static TrainingDevice gpu(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("gpu index must be >= 0, found " + index);
        }
        return new TrainingDevice(index);
    }

    /**
     * Reads {@code cpu}, {@code gpu} or {@code gpu:N} exactly (lower case, no spaces).
     *
     * @throws IllegalArgumentException naming the accepted forms and the text found
     */
    public static TrainingDevice parse(String text) {
        if ("cpu".equals(text)) {
            return CPU;
        }
        if ("gpu".equals(text)) {
            return gpu(0);
        }
        Matcher m = text == null ? null : GPU_N.matcher(text);
        if (m != null && m.matches()) {
            return gpu(Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException("must be " + FORMS + ", found '" + text + "'");
    }

    /** Whether this is a GPU. */
    public boolean isGpu() {
        return gpuIndex >= 0;
    }

    /** The DJL device arrays are created on. */
    public Device djl() {
        return isGpu() ? Device.gpu(gpuIndex) : Device.cpu();
    }

    /** The config spelling: {@code cpu} or {@code gpu:N}. */
    @Override
    public String toString() {
        return isGpu() ? "gpu:" + gpuIndex : "cpu";
    }
}
