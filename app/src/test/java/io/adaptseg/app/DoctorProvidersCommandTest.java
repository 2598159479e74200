package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.adaptseg.export.device.CheckOutcome;
import io.adaptseg.export.device.CheckedModel;
import io.adaptseg.export.device.DeviceCheck;
import io.adaptseg.export.device.ProbeImage;
import io.adaptseg.export.device.ProbeModel;
import io.adaptseg.export.device.ProviderResult;
import io.adaptseg.export.onnx.OnnxModels;
import io.adaptseg.export.onnx.Tensors;
import io.adaptseg.export.parity.Precision;
import io.adaptseg.runtime.SegmentationSession;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.provider.ProviderKind;
import io.adaptseg.runtime.provider.ProviderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code adaptseg doctor --providers} in-process on this machine's CPU-only ONNX Runtime: real sessions on
 * the built-in model and on written model files.
 */
class DoctorProvidersCommandTest {
    private static CommandRun doctor(Path cache, String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "doctor";
        all[1] = "--iterations";
        all[2] = "2";
        all[3] = "--tensorrt-cache";
        all[4] = cache.toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return CommandRun.of(all);
    }

    private static List<String> linesOf(String text, String spec) {
        return text.lines().filter(l -> l.startsWith(String.format("  %-24s ", spec))).toList();
    }

    @Test
    void aCpuOnlySpecComparesASecondCpuSessionAndPassesAt100Percent(@TempDir Path dir) {
        CommandRun run = doctor(dir, "--providers", "cpu");
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("model built-in (" + ProbeModel.FILE_NAME + ")"), run.out());
        assertTrue(run.out().contains("float32 (from the graph"), run.out());
        assertEquals(1, linesOf(run.out(), "cpu (reference)").size(), run.out());
        List<String> cpu = linesOf(run.out(), "cpu");
        assertEquals(1, cpu.size(), run.out());
        assertTrue(cpu.getFirst().contains("placement: CPUExecutionProvider ") && cpu.getFirst().contains(" nodes"), cpu.getFirst());
        assertTrue(cpu.getFirst().contains("agreement 100.0000 % (needs 99.99 %), max |dlogit| 0 | p50 "), cpu.getFirst());
        assertTrue(cpu.getFirst().endsWith("verdict: agrees"), cpu.getFirst());
        assertTrue(run.out().contains("result: only the CPU was asked for"), run.out());
    }

    @Test
    void unavailableAcceleratorsGetOneLineEachWithTheReasonAndExit1(@TempDir Path dir) throws Exception {
        CommandRun run = doctor(dir, "--providers", "cpu,cuda:0,tensorrt:device_id=0");
        assertEquals(Main.FAILURE, run.code(), run.out() + run.err());
        for (String spec : List.of("cuda:device_id=0", "tensorrt:device_id=0")) {
            List<String> lines = linesOf(run.out(), spec);
            assertEquals(1, lines.size(), run.out());
            String line = lines.getFirst();
            assertTrue(line.contains("not opened: ") && line.contains("(missing library: lib"), line);
            assertTrue(line.endsWith("verdict: unavailable"), line);
        }
        assertTrue(linesOf(run.out(), "cpu").getFirst().endsWith("verdict: agrees"), run.out());
        assertTrue(run.out().contains("result: no provider beyond the CPU opened (cuda:device_id=0, tensorrt:device_id=0)"),
                run.out());
        // the engine cache is named from the model's SHA-256, and nothing is left behind when TensorRT did not open
        Path probe = ProbeModel.write(Files.createDirectory(dir.resolve("probe")));
        Path folder = dir.resolve(sha256(probe));
        assertTrue(linesOf(run.out(), "tensorrt:device_id=0").getFirst()
                .contains("engine cache " + folder + " (unused: TensorRT did not open)"), run.out());
        assertFalse(Files.exists(folder));
    }

    @Test
    void cannGoesThroughTheNativeBackendAndSaysTheStockLibraryLacksIt(@TempDir Path dir) throws Exception {
        // the library named as a user names theirs: the stock one, wherever ONNX Runtime's jar unpacked it
        Path library = io.adaptseg.runtime.nativeort.OrtLibraries.describe(Optional.empty()).path();
        CommandRun run = doctor(dir, "--providers", "cann:device_id=0", "--backend", "native", "--ort-library", library.toString());
        assertEquals(Main.FAILURE, run.code(), run.out() + run.err());
        String line = linesOf(run.out(), "cann:device_id=0").getFirst();
        assertTrue(line.contains("not opened: ") && line.contains("CANN execution provider is not enabled in this build"), line);
        assertTrue(run.out().startsWith("device self-check on the native backend (" + library), run.out());

        CommandRun java = doctor(dir, "--providers", "cann:0");
        assertTrue(linesOf(java.out(), "cann:device_id=0").getFirst().contains("CANN needs --backend native --ort-library FILE"),
                java.out());
    }

    @Test
    void aGivenModelIsCheckedTooWithItsOwnCacheFolder(@TempDir Path dir) throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        CommandRun run = doctor(dir, "--providers", "cpu,tensorrt:0", "--model", model.toString());
        assertEquals(Main.FAILURE, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("model " + model + ": sha256 " + sha256(model).substring(0, 12)), run.out());
        List<String> trt = linesOf(run.out(), "tensorrt:device_id=0");
        assertEquals(2, trt.size(), run.out());
        assertTrue(trt.get(1).contains("engine cache " + dir.resolve(sha256(model))), trt.get(1));
        assertEquals(2, linesOf(run.out(), "cpu").stream().filter(l -> l.contains("agreement 100.0000 %")).count(), run.out());
    }

    @Test
    void aBadModelIsOneLineNamingTheFileBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("none.onnx");
        CommandRun run = doctor(dir, "--providers", "cpu", "--model", missing.toString());
        assertEquals(Main.FAILURE, run.code());
        assertEquals("", run.out());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains(missing + ": model file not found"), run.err());

        Path foreign = dir.resolve("foreign.onnx");
        ModelProto probe = ProbeModel.build();
        OnnxModels.write(probe.toBuilder().clearMetadataProps().build(), foreign);
        CommandRun plain = doctor(dir, "--providers", "cpu", "--model", foreign.toString());
        assertEquals(Main.FAILURE, plain.code());
        assertEquals(1, plain.err().strip().lines().count(), plain.err());
        assertTrue(plain.err().contains(foreign + ": not an adaptseg model"), plain.err());
    }

    @Test
    void deviceOptionsWithoutProvidersAreAUsageError(@TempDir Path dir) {
        CommandRun run = CommandRun.of("doctor", "--model", dir.resolve("m.onnx").toString());
        assertEquals(Main.USAGE, run.code());
        assertTrue(run.err().contains("--model goes with --providers"), run.err());
    }

    /**
     * The verdict and exit code on real measurements: no provider here can disagree, so the "provider"
     * is a second real CPU session on a variant of the built-in model without its deep path, which
     * moves a few percent of the labels. The same numbers fail float32's and float16's thresholds and
     * pass int8's.
     */
    @Test
    void aProviderThatDisagreesExits3AndTheThresholdFollowsThePrecision(@TempDir Path dir) throws Exception {
        CheckedModel probe = CheckedModel.load("built-in", ProbeModel.write(dir));
        Path variant = dir.resolve("colour-only.onnx");
        OnnxModels.write(withoutDeepPath(ProbeModel.build()), variant);
        float[] input = ProbeImage.normalised(probe.metadata());
        DeviceCheck.Measurement reference = measure(probe.file(), probe, input);
        DeviceCheck.Measurement other = measure(variant, probe, input);
        ProviderSpec spec = new ProviderSpec(ProviderKind.CPU, Map.of());

        ProviderResult float32 = DeviceCheck.compare(spec, probe, reference, other, Optional.empty());
        assertEquals(ProviderResult.Verdict.DISAGREES, float32.verdict(), float32.toLine());
        assertTrue(float32.agreement() > 0.9 && float32.agreement() < 0.995, float32.toLine());
        assertTrue(float32.toLine().endsWith("verdict: DISAGREES"), float32.toLine());
        CheckOutcome outcome = CheckOutcome.of(List.of(new DeviceCheck.ModelReport(probe, reference.placement(),
                reference.p50Millis(), List.of(float32))), false);
        assertEquals(CheckOutcome.Kind.DISAGREES, outcome.kind());
        assertEquals(DoctorCommand.CHECK_FAILED, DoctorProviders.exitCode(outcome));

        for (Precision precision : Precision.values()) {
            CheckedModel as = new CheckedModel(probe.name(), probe.file(), probe.sha256(), probe.metadata(), precision, "test");
            ProviderResult r = DeviceCheck.compare(spec, as, reference, other, Optional.empty());
            assertEquals(float32.agreement() >= precision.thresholds().minAgreement(),
                    r.verdict() == ProviderResult.Verdict.AGREES, precision + ": " + r.toLine());
        }
        CheckedModel int8 = new CheckedModel(probe.name(), probe.file(), probe.sha256(), probe.metadata(), Precision.INT8, "test");
        assertEquals(ProviderResult.Verdict.AGREES, DeviceCheck.compare(spec, int8, reference, other, Optional.empty()).verdict());
    }

    private static DeviceCheck.Measurement measure(Path file, CheckedModel model, float[] input) throws Exception {
        try (SegmentationSession session = SegmentationSession.open(file, BackendKind.JAVA, BackendOptions.cpu())) {
            return DeviceCheck.measure(session, model, input, 1);
        }
    }

    /** The built-in model with the deep path's weights zeroed: the colour path alone decides. */
    private static ModelProto withoutDeepPath(ModelProto model) {
        GraphProto.Builder graph = model.getGraph().toBuilder();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            TensorProto t = graph.getInitializer(i);
            if (t.getName().startsWith("aspp_")) {
                long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
                graph.setInitializer(i, Tensors.float32(t.getName(), new float[(int) Tensors.elementCount(t)], dims));
            }
        }
        return model.toBuilder().setGraph(graph).build();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
