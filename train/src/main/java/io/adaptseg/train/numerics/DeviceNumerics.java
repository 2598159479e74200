package io.adaptseg.train.numerics;

import ai.djl.Device;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.train.device.TorchBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The numerics self-check for a GPU: the same {@link ConvolutionCheck} cases (forward and backward of
 * the networks' convolutions, training-mode batch norm) computed with the tensors on the GPU, against
 * the same Java double-precision reference, before a run trains there. The verdict is cached per
 * device signature (compute capability, memory, libtorch flavour, CUDA and cuDNN versions) in the CPU
 * verdicts' folder, so later runs on that GPU cost nothing; {@code adaptseg doctor} prints it.
 *
 * <p>The tolerance follows PyTorch's {@code allow_tf32} for cuDNN (on by default): with TF32 a
 * convolution's products keep 10 mantissa bits, so a correct kernel is off by a few 1e-4; a wrong one
 * by far more (or NaN).
 */
public final class DeviceNumerics {
    /** The tolerance when cuDNN may use TF32: ten times the rounding TF32 gives on these sums. */
    public static final double TF32_TOLERANCE = 5e-3;
    /** Bumped when the check changes, so that old verdicts are not reused. */
    static final int CHECK_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, DeviceVerdict> THIS_PROCESS = new HashMap<>();

    private DeviceNumerics() {
    }

    /**
     * Before training on {@code device}: for a GPU, its verdict (cached, or checked now); nothing for the
     * CPU, whose route {@link TorchNumerics} checks.
     *
     * @param where what asked for the device, for the message
     * @throws AdaptsegException one line when the GPU's check failed
     */
    public static void require(Device device, String where) throws AdaptsegException {
        if (!device.isGpu()) {
            return;
        }
        DeviceVerdict v = verdict(device);
        if (!v.passed()) {
            throw new AdaptsegException(where + ": the numerics self-check FAILED on this GPU (" + v.verdict().detail()
                    + "), so training there would compute wrong gradients; train with --device cpu, and see"
                    + " 'adaptseg doctor'");
        }
    }

    /** The verdict of {@code device} (a GPU): from this process, the cache, or checked now and cached. */
    public static synchronized DeviceVerdict verdict(Device device) {
        TorchNumerics.ensureConfigured(); // the CPU's route is set before any convolution of this process
        TorchBuild build = TorchBuild.ofThisProcess();
        String signature = signature(device, build);
        DeviceVerdict known = THIS_PROCESS.get(signature);
        if (known == null) {
            known = checkOrRead(device, signature, tolerance(), TorchNumerics.cacheFolder(), false);
            THIS_PROCESS.put(signature, known);
        }
        return known;
    }

    /** The lines {@code adaptseg doctor} prints: libtorch's build, then one verdict per CUDA device it sees. */
    public static Report report() {
        TorchBuild build = TorchBuild.ofThisProcess();
        List<String> lines = new ArrayList<>(build.describe());
        boolean passed = true;
        if (build.gpus().isEmpty()) {
            lines.add("gpu numerics self-check: not run (no CUDA device)");
        }
        for (TorchBuild.Gpu gpu : build.gpus()) {
            DeviceVerdict v = verdict(Device.gpu(gpu.index()));
            passed &= v.passed();
            lines.add("gpu numerics self-check: " + v.describe());
        }
        return new Report(lines, passed);
    }

    /**
     * What doctor prints about libtorch's devices, and whether every GPU passed.
     *
     * @param lines the lines, in order
     * @param passed false when a GPU's check failed
     */
    public record Report(List<String> lines, boolean passed) {
        public Report {
            lines = List.copyOf(lines);
        }
    }

    /** The check's tolerance in this process: wider when cuDNN may use TF32 (PyTorch's default). */
    static double tolerance() {
        boolean tf32;
        try {
            tf32 = LibTorchSwitches.ofLoadedLibrary().tf32ConvolutionsAllowed();
        } catch (IllegalStateException e) {
            tf32 = true; // cannot ask: assume PyTorch's default
        }
        return tf32 ? TF32_TOLERANCE : ConvolutionCheck.TOLERANCE;
    }

    /** What a verdict holds for: the device as DJL and libtorch describe it. */
    static String signature(Device device, TorchBuild build) {
        String gpu = build.gpus().stream().filter(g -> g.index() == device.getDeviceId()).findFirst()
                .map(TorchBuild.Gpu::describe).orElse(device.toString());
        return "check " + CHECK_VERSION + "; " + gpu + "; libtorch " + build.pytorch() + " " + build.flavour() + "; CUDA "
                + build.cudaRuntime() + "; cuDNN " + build.cudnn();
    }

    /**
     * The verdict of {@code device} under {@code signature}: read from {@code cacheFolder} unless
     * {@code recheck}, otherwise checked now (in this process: a GPU kernel that is wrong returns wrong
     * numbers rather than killing the JVM) and written there. Package-private so that the tests run it on
     * the CPU.
     */
    static DeviceVerdict checkOrRead(Device device, String signature, double tolerance, Path cacheFolder, boolean recheck) {
        Path file = cacheFolder.resolve("device-" + hash(signature).substring(0, 20) + ".json");
        if (!recheck) {
            Optional<DeviceVerdict> cached = read(file, signature);
            if (cached.isPresent()) {
                return cached.get();
            }
        }
        DeviceVerdict fresh = new DeviceVerdict(name(device), signature, tolerance, check(device, tolerance),
                Instant.now().toString(), "checked now");
        try {
            write(fresh.withSource("cached in " + file), file);
            return fresh.withSource("checked now, cached in " + file);
        } catch (IOException e) {
            return fresh.withSource("checked now (cache not written: " + e.getMessage() + ")");
        }
    }

    /** Runs {@link ConvolutionCheck} with the tensors on {@code device}. */
    static RouteVerdict check(Device device, double tolerance) {
        ConvolutionCheck.Result result;
        try {
            result = ConvolutionCheck.run(device);
        } catch (RuntimeException e) {
            return new RouteVerdict(name(device), RouteVerdict.Outcome.UNAVAILABLE, -1, "", -1,
                    "the check could not run: " + e.getMessage());
        }
        double error = Double.isFinite(result.worstError()) ? result.worstError() : -1;
        if (!result.passed(tolerance)) {
            String what = error < 0 ? "non-finite values" : String.format(java.util.Locale.ROOT, "relative error %.2e", error);
            return new RouteVerdict(name(device), RouteVerdict.Outcome.WRONG, error, result.worstCase(), -1,
                    what + " in " + result.worstCase() + " (tolerance " + tolerance + ")");
        }
        return new RouteVerdict(name(device), RouteVerdict.Outcome.PASSED, error, result.worstCase(), -1, "");
    }

    /** The device as the config writes it. */
    private static String name(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }

    private static Optional<DeviceVerdict> read(Path file, String signature) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            DeviceVerdict v = JSON.readValue(file.toFile(), DeviceVerdict.class);
            return v.signature().equals(signature) ? Optional.of(v.withSource("cached in " + file)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: check again and overwrite it
        }
    }

    private static void write(DeviceVerdict verdict, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), verdict);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
