package io.adaptseg.train.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.adaptseg.train.device.TorchBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU's numerics check, run here on the only device there is: the same cases with the tensors on a
 * {@link Device} (the CPU here), judged at a given tolerance, cached per device signature, read back,
 * and checked again when the signature or the file changes. On a GPU machine {@code adaptseg doctor} and
 * every GPU run take the same path with {@code Device.gpu(N)}.
 */
class DeviceNumericsTest {
    @TempDir
    Path cache;

    @BeforeAll
    static void route() {
        TorchNumerics.ensureConfigured();
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void aDeviceIsCheckedOnceThenReadFromItsCache() throws Exception {
        DeviceVerdict first = DeviceNumerics.checkOrRead(Device.cpu(), "device A", ConvolutionCheck.TOLERANCE, cache, false);
        assertTrue(first.passed(), first.describe());
        assertEquals("cpu", first.device());
        assertTrue(first.verdict().worstError() >= 0 && first.verdict().worstError() <= ConvolutionCheck.TOLERANCE,
                first.describe());
        assertTrue(first.source().startsWith("checked now, cached in " + cache), first.source());
        assertEquals(1, files(cache).size());
        DeviceVerdict again = DeviceNumerics.checkOrRead(Device.cpu(), "device A", ConvolutionCheck.TOLERANCE, cache, false);
        assertEquals(first.verdict(), again.verdict());
        assertEquals(first.checkedAt(), again.checkedAt(), "read, not measured again");
        assertEquals("cached in " + files(cache).getFirst(), again.source());
        DeviceVerdict other = DeviceNumerics.checkOrRead(Device.cpu(), "device B", ConvolutionCheck.TOLERANCE, cache, false);
        assertTrue(other.source().startsWith("checked now"), "another device signature is checked: " + other.source());
        assertEquals(2, files(cache).size());
        Path file = Path.of(first.source().substring("checked now, cached in ".length()));
        Files.writeString(file, "{ broken");
        assertTrue(DeviceNumerics.checkOrRead(Device.cpu(), "device A", ConvolutionCheck.TOLERANCE, cache, false).source()
                .startsWith("checked now"), "an unreadable verdict is measured again");
        assertTrue(DeviceNumerics.checkOrRead(Device.cpu(), "device A", ConvolutionCheck.TOLERANCE, cache, true).source()
                .startsWith("checked now"), "recheck");
    }

    @Test
    void aDeviceOutsideTheToleranceFailsAndSaysWhere() {
        // no float32 kernel is exact: at tolerance 0 the same check must fail, naming the tensor
        DeviceVerdict v = DeviceNumerics.checkOrRead(Device.cpu(), "strict", 0, cache, false);
        assertFalse(v.passed(), v.describe());
        assertEquals(RouteVerdict.Outcome.WRONG, v.verdict().outcome());
        assertTrue(v.verdict().detail().contains("(tolerance 0.0)"), v.verdict().detail());
        assertTrue(v.describe().startsWith("cpu: WRONG, worst relative error "), v.describe());
    }

    @Test
    void theToleranceFollowsPytorchsTf32SwitchForCudnn() {
        // PyTorch allows TF32 in cuDNN convolutions by default (torch.backends.cudnn.allow_tf32 = True)
        assertTrue(LibTorchSwitches.ofLoadedLibrary().tf32ConvolutionsAllowed());
        assertEquals(DeviceNumerics.TF32_TOLERANCE, DeviceNumerics.tolerance());
    }

    @Test
    void theSignatureNamesTheDeviceAndTheLibraries() {
        TorchBuild build = new TorchBuild("2.7.1", "cu128", "test", "/lib", true,
                List.of(new TorchBuild.Gpu(0, "90", 80L << 30)), "12.8", "9.1.0");
        assertEquals("check " + DeviceNumerics.CHECK_VERSION + "; gpu:0 (compute capability 9.0, 80.0 GiB); libtorch 2.7.1"
                + " cu128; CUDA 12.8; cuDNN 9.1.0", DeviceNumerics.signature(Device.gpu(0), build));
    }

    @Test
    void doctorSaysWhenThereIsNoGpuToCheck() throws Exception {
        DeviceNumerics.require(Device.cpu(), "cpu needs no device check");
        DeviceNumerics.Report report = DeviceNumerics.report();
        if (TorchBuild.ofThisProcess().gpus().isEmpty()) {
            assertTrue(report.passed());
            assertEquals("gpu numerics self-check: not run (no CUDA device)", report.lines().getLast());
        } else {
            assertTrue(report.lines().stream().anyMatch(l -> l.startsWith("gpu numerics self-check: gpu:0: ")),
                    report.lines().toString());
        }
    }
}
