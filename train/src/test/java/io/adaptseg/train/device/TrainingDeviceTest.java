package io.adaptseg.train.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.adaptseg.core.AdaptsegException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code device} value (strict spellings), the judgement of a requested device against what a
 * libtorch offers (CPU builds, CUDA builds without a device, an index past the last GPU), and the
 * reading of libtorch's flavour and versions.
 */
class TrainingDeviceTest {
    @Test
    void readsExactlyCpuGpuAndGpuN() {
        assertEquals(TrainingDevice.CPU, TrainingDevice.parse("cpu"));
        assertEquals(TrainingDevice.gpu(0), TrainingDevice.parse("gpu"));
        assertEquals(TrainingDevice.gpu(0), TrainingDevice.parse("gpu:0"));
        assertEquals(TrainingDevice.gpu(3), TrainingDevice.parse("gpu:3"));
        assertEquals(TrainingDevice.gpu(12), TrainingDevice.parse("gpu:12"));
        assertEquals(Device.cpu(), TrainingDevice.CPU.djl());
        assertEquals(Device.gpu(3), TrainingDevice.gpu(3).djl());
        assertEquals("gpu:0", TrainingDevice.parse("gpu").toString());
        assertEquals("cpu", TrainingDevice.CPU.toString());
        assertFalse(TrainingDevice.CPU.isGpu());
        for (String bad : Arrays.asList("GPU", "Cpu", "cuda", "cuda:0", "gpu:", "gpu:-1", "gpu:01", " gpu", "gpu ", "gpu:0:1",
                "gpu0", "gpu:x", "", "0", "gpu:99999", null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingDevice.parse(bad),
                    String.valueOf(bad));
            assertEquals("must be " + TrainingDevice.FORMS + ", found '" + bad + "'", e.getMessage());
        }
    }

    private static TorchBuild build(String flavour, boolean cuda, int gpus) {
        List<TorchBuild.Gpu> list = java.util.stream.IntStream.range(0, gpus)
                .mapToObj(i -> new TorchBuild.Gpu(i, "90", 80L << 30)).toList();
        return new TorchBuild("2.7.1", flavour, "test", "/lib", cuda, list, cuda ? "12.8" : "none", cuda ? "9.1.0" : "none");
    }

    @Test
    void aGpuThatIsNotThereIsOneSentenceSayingWhatIsThere() {
        assertEquals(Optional.empty(), DeviceAvailability.problem(TrainingDevice.CPU, build("cpu", false, 0)));
        assertEquals(Optional.empty(), DeviceAvailability.problem(TrainingDevice.gpu(0), build("cu128", true, 1)));
        assertEquals(Optional.empty(), DeviceAvailability.problem(TrainingDevice.gpu(1), build("cu128", true, 2)));
        assertEquals(Optional.of("asks for a GPU, but libtorch 2.7.1 (flavour cpu) is a CPU build and sees no CUDA device;"
                + " use device cpu (--device cpu), or a CUDA libtorch (docs/deployment.md#training-on-a-gpu)"),
                DeviceAvailability.problem(TrainingDevice.gpu(0), build("cpu", false, 0)));
        assertEquals(Optional.of("asks for a GPU, but libtorch 2.7.1 (flavour cu128) sees no CUDA device (no NVIDIA driver,"
                + " or CUDA_VISIBLE_DEVICES hides them); use device cpu (--device cpu)"),
                DeviceAvailability.problem(TrainingDevice.gpu(0), build("cu128", true, 0)));
        assertEquals(Optional.of("is not there: libtorch 2.7.1 (flavour cu128) sees 1 CUDA device (gpu:0); use one of gpu:0"
                + " or cpu"), DeviceAvailability.problem(TrainingDevice.gpu(3), build("cu128", true, 1)));
        assertEquals(Optional.of("is not there: libtorch 2.7.1 (flavour cu128) sees 2 CUDA devices (gpu:0, gpu:1); use one"
                + " of gpu:0, gpu:1 or cpu"), DeviceAvailability.problem(TrainingDevice.gpu(2), build("cu128", true, 2)));
    }

    @Test
    void onThisMachineAGpuIsRefusedAndTheCpuIsNot() throws Exception {
        DeviceAvailability.require(TrainingDevice.CPU, "--device");
        TorchBuild here = TorchBuild.ofThisProcess();
        if (!here.gpus().isEmpty()) {
            return; // a GPU machine: the refusal is the sentences above
        }
        AdaptsegException e = assertThrows(AdaptsegException.class, () -> DeviceAvailability.require(TrainingDevice.gpu(0), "--device"));
        assertEquals("--device gpu:0 " + DeviceAvailability.problem(TrainingDevice.gpu(0), here).orElseThrow(), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theFlavourComesFromDjlsFolderNameOrTheUsersVariableOrTheLibrariesPresent(@TempDir Path tmp) throws Exception {
        assertEquals("cpu", TorchBuild.flavour(Path.of("/c/pytorch/2.7.1-20250812-cpu-linux-x86_64"), null, null)[0]);
        assertEquals("cu128", TorchBuild.flavour(Path.of("/c/pytorch/2.7.1-cu128-linux-x86_64"), null, null)[0]);
        assertEquals("cu124", TorchBuild.flavour(Path.of("/c/pytorch/2.5.1-cu124-precxx11-linux-aarch64"), null, null)[0]);
        Path torchLib = Files.createDirectories(tmp.resolve("site-packages/torch/lib"));
        assertEquals("cu128", TorchBuild.flavour(torchLib, torchLib.toString(), "cu128")[0]);
        assertEquals("PYTORCH_FLAVOR", TorchBuild.flavour(torchLib, torchLib.toString(), "cu128")[1]);
        assertEquals("cpu", TorchBuild.flavour(torchLib, null, null)[0]);
        Files.writeString(torchLib.resolve("libtorch_cuda.so"), "not a library: only its name is read");
        assertEquals("cuda", TorchBuild.flavour(torchLib, null, null)[0]);
    }

    @Test
    void versionsAreWrittenAsTheirLibrariesNumberThem() {
        assertEquals("12.8", TorchBuild.cudaVersionText(12080));
        assertEquals("13.0", TorchBuild.cudaVersionText(13000));
        assertEquals("11.8", TorchBuild.cudaVersionText(11080));
        assertEquals("9.1.0", TorchBuild.cudnnVersionText(90100));
        assertEquals("9.10.2", TorchBuild.cudnnVersionText(91002));
        assertEquals("8.9.7", TorchBuild.cudnnVersionText(8907));
        assertEquals("gpu:0 (compute capability 9.0, 80.0 GiB)", new TorchBuild.Gpu(0, "90", 80L << 30).describe());
    }

    @Test
    void thisMachinesLibtorchIsDescribed() {
        TorchBuild here = TorchBuild.ofThisProcess();
        assertEquals("2.7.1", here.pytorch());
        List<String> lines = here.describe();
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("libtorch: 2.7.1, flavour " + here.flavour()), lines.get(0));
        assertTrue(lines.get(1).startsWith("cuda devices: " + here.gpus().size()), lines.get(1));
        if (!here.cudaBuild()) {
            assertEquals("cpu", here.flavour(), "the CPU build the project ships");
            assertEquals("cuda runtime: none; cudnn: none", lines.get(2));
        }
    }
}
