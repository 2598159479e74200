package io.adaptseg.train.device;

import io.adaptseg.core.AdaptsegException;
import java.util.Optional;

/**
 * Whether a requested {@link TrainingDevice} is there. Runs before any data is read or folder written,
 * so that asking for a GPU on a machine without one costs one line and nothing else.
 */
public final class DeviceAvailability {
    private DeviceAvailability() {
    }

    /**
     * Fails when {@code device} is a GPU that the loaded libtorch does not see.
     *
     * @param asker what named the device, for the message: "CONFIG: device" or "--device"
     * @throws AdaptsegException one line naming {@code asker}, the device, what libtorch sees and what to do
     */
    public static void require(TrainingDevice device, String asker) throws AdaptsegException {
        if (!device.isGpu()) {
            return; // the CPU is always there; starting the engine here would only cost time
        }
        Optional<String> problem = problem(device, TorchBuild.ofThisProcess());
        if (problem.isPresent()) {
            throw new AdaptsegException(asker + " " + device + " " + problem.get());
        }
    }

    /**
     * What is wrong with running on {@code device} under {@code build}, as the end of a sentence that
     * starts with the device; empty when it is fine.
     */
    static Optional<String> problem(TrainingDevice device, TorchBuild build) {
        if (!device.isGpu()) {
            return Optional.empty();
        }
        String libtorch = "libtorch " + build.pytorch() + " (flavour " + build.flavour() + ")";
        if (!build.cudaBuild()) {
            return Optional.of("asks for a GPU, but " + libtorch + " is a CPU build and sees no"
                    + " CUDA device; use device cpu (--device cpu), or a CUDA libtorch (docs/deployment.md#training-on-a-gpu)");
        }
        if (build.gpus().isEmpty()) {
            return Optional.of("asks for a GPU, but " + libtorch + " sees no CUDA device (no NVIDIA"
                    + " driver, or CUDA_VISIBLE_DEVICES hides them); use device cpu (--device cpu)");
        }
        if (device.gpuIndex() >= build.gpus().size()) {
            int n = build.gpus().size();
            return Optional.of("is not there: " + libtorch + " sees " + n + " CUDA device"
                    + (n == 1 ? "" : "s") + " (" + build.gpuList() + "); use one of " + build.gpuList() + " or cpu");
        }
        return Optional.empty();
    }
}
