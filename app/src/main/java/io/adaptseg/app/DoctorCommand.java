package io.adaptseg.app;

import ai.djl.engine.Engine;
import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.backend.OrtJavaBackend;
import io.adaptseg.runtime.nativeort.OrtLibraries;
import io.adaptseg.train.numerics.ConvolutionRoute;
import io.adaptseg.train.numerics.DeviceNumerics;
import io.adaptseg.train.numerics.NumericsReport;
import io.adaptseg.train.numerics.RouteVerdict;
import io.adaptseg.train.numerics.TorchNumerics;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code adaptseg doctor}: the CPU, what the numerics self-check found for each convolution route,
 * the route training uses and why, threads, and the ONNX Runtime providers. The one command a user
 * who meets NaN runs first. With {@code --providers} it is instead the device self-check
 * ({@link DoctorProviders}): the first command to run on a new device.
 */
final class DoctorCommand implements Command {
    /** The route in use did not pass the check (or none did). */
    static final int CHECK_FAILED = 3;

    private static final Flag RECHECK = new Flag("recheck",
            "check every convolution route again (child JVMs, a few seconds) and replace the cached verdict");

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String summary() {
        return "check this machine: CPU, PyTorch numerics self-check per convolution route, threads, ONNX Runtime providers;"
                + " --providers: run a model on each execution provider and compare it with the CPU";
    }

    @Override
    public String synopsis() {
        return "[--recheck] | --providers SPEC [--backend java|native] [--ort-library FILE] [--model FILE]";
    }

    @Override
    public Options options() {
        Options options = OptionList.of(RECHECK, DoctorProviders.PROVIDERS);
        DoctorProviders.WITH_PROVIDERS.forEach(o -> options.addOption(o.option()));
        return options;
    }

    @Override
    public int run(CommandLine line, PrintStream out) throws AdaptsegException, java.io.IOException {
        if (DoctorProviders.PROVIDERS.given(line)) {
            if (RECHECK.given(line)) {
                throw new UsageException("--recheck is the numerics check; run it without --providers");
            }
            return DoctorProviders.run(line, out);
        }
        DoctorProviders.WITH_PROVIDERS.stream().filter(o -> o.given(line)).findFirst().ifPresent(o -> {
            throw new UsageException("--" + o.name() + " goes with --providers (the device self-check)");
        });
        NumericsReport report = RECHECK.given(line) ? TorchNumerics.recheck() : TorchNumerics.ensureConfigured();
        out.println("cpu: " + report.signature().describe());
        out.println("pytorch: " + report.signature().pytorch() + " (DJL " + Engine.getDjlVersion() + "), "
                + Runtime.getRuntime().availableProcessors() + " processors; OMP_NUM_THREADS="
                + envOr("OMP_NUM_THREADS") + ", ONEDNN_MAX_CPU_ISA=" + envOr("ONEDNN_MAX_CPU_ISA"));
        out.println("numerics self-check (convolutions and batch norm, forward and backward, against Java double loops):");
        out.println("  verdicts: " + report.source() + (report.checkedAt().isEmpty() ? "" : ", measured " + report.checkedAt()));
        out.printf("  %-14s %-11s %-11s %-9s %s%n", "route", "outcome", "worst err", "step ms", "detail");
        for (RouteVerdict v : report.verdicts()) {
            out.printf(Locale.ROOT, "  %-14s %-11s %-11s %-9s %s%n", v.route(), v.outcome(),
                    v.worstError() < 0 ? "-" : String.format(Locale.ROOT, "%.1e", v.worstError()),
                    v.stepMillis() < 0 ? "-" : String.format(Locale.ROOT, "%.0f", v.stepMillis()), v.detail());
        }
        String description = ConvolutionRoute.byId(report.route()).map(ConvolutionRoute::description).orElse("?");
        out.println("training uses: " + report.route() + " (" + description + ")");
        out.println("  why: " + report.reason());
        out.println("  cache: " + TorchNumerics.cacheFolder() + "; force a route with ADAPTSEG_TORCH_ROUTE="
                + ConvolutionRoute.ids() + " (or -D" + TorchNumerics.ROUTE_PROPERTY + "=...)");
        DeviceNumerics.Report devices = DeviceNumerics.report(); // libtorch flavour, CUDA devices, a GPU's own check
        devices.lines().forEach(out::println);
        out.println("onnx runtime providers:");
        out.println("  java backend: " + OrtJavaBackend.availableProviders());
        OrtLibraries.LibraryInfo lib = OrtLibraries.describe(Optional.empty());
        out.println("  native backend (" + lib.path() + ", ONNX Runtime " + lib.version() + "): " + lib.providers());
        boolean ok = report.verdictOfRoute().map(RouteVerdict::passed).orElse(false) && devices.passed();
        out.println(ok ? "result: training computes correct gradients on this machine" : !devices.passed()
                ? "result: a GPU did NOT pass its numerics check (above): train there with --device cpu"
                : "result: the route in use did NOT pass the check: " + report.sentenceForNonFiniteLoss());
        return ok ? Main.OK : CHECK_FAILED;
    }

    private static String envOr(String name) {
        String v = System.getenv(name);
        return v == null ? "unset" : v;
    }
}
