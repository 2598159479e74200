package io.adaptseg.train.numerics;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides how PyTorch computes convolutions in this process. Every path to a
 * convolution in adaptseg (building a segmenter or discriminator, the training loop, the CLI) calls
 * {@link #ensureConfigured()} first; a program using the {@code train} module as a library gets the
 * same through those calls.
 *
 * <p>On the first start on a machine, each {@link ConvolutionRoute} is checked in a child JVM against
 * an independent computation and timed; the fastest route that passed is used and the verdicts are
 * cached per {@link CpuSignature} under {@code ~/.cache/adaptseg/numerics/} (override:
 * {@value #CACHE_PROPERTY} / {@code ADAPTSEG_NUMERICS_CACHE}), so later starts cost nothing.
 * {@value #ROUTE_PROPERTY} (or {@code ADAPTSEG_TORCH_ROUTE}) forces a route: {@code auto} (default),
 * or one of {@link ConvolutionRoute#ids()}.
 */
public final class TorchNumerics {
    /** System property forcing a route. */
    public static final String ROUTE_PROPERTY = "adaptseg.torch.route";
    /** System property naming the verdict cache folder. */
    public static final String CACHE_PROPERTY = "adaptseg.numerics.cache";
    /**
     * Set to {@code true} (as {@code adaptseg --verbose} does) to keep libtorch's own C++ warnings on
     * stderr; otherwise they are held back from the first route decision on ({@code LibTorchSwitches.setCppLogLevel}).
     */
    public static final String NATIVE_WARNINGS_PROPERTY = "adaptseg.native-warnings";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static NumericsReport current;

    private TorchNumerics() {
    }

    /**
     * Chooses and applies the convolution route once per process (later calls return at once).
     *
     * @return what was decided and why
     * @throws IllegalArgumentException when a forced route names no route
     */
    public static synchronized NumericsReport ensureConfigured() {
        if (current == null) {
            current = decide(false);
        }
        return current;
    }

    /** The report of this process, if the route was already decided. */
    public static synchronized Optional<NumericsReport> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Runs the check of every route again, replacing the cached verdict, and applies the winner if
     * this process has not decided yet (a process keeps its first route: oneDNN's instruction-set
     * limit cannot be changed once oneDNN ran).
     */
    public static synchronized NumericsReport recheck() {
        NumericsReport fresh = decide(true);
        if (current == null) {
            current = fresh;
        }
        return fresh;
    }

    private static NumericsReport decide(boolean forceCheck) {
        RouteSetup.quietNativeWarnings();
        String forced = forcedRoute();
        CpuSignature signature = CpuSignature.ofThisMachine(pytorchVersion());
        Path cacheFile = cacheFolder().resolve(signature.key() + ".json");
        if (!forced.equals("auto")) {
            ConvolutionRoute route = ConvolutionRoute.byId(forced).orElseThrow(() -> new IllegalArgumentException(
                    ROUTE_PROPERTY + " (or ADAPTSEG_TORCH_ROUTE) must be auto or one of " + ConvolutionRoute.ids()
                            + ", found '" + forced + "'"));
            RouteSetup.apply(route);
            NumericsReport cached = readCache(cacheFile).orElse(
                    new NumericsReport(signature, List.of(), route.id(), "", "", ""));
            return cached.withRoute(route.id(), "forced by " + ROUTE_PROPERTY + "/ADAPTSEG_TORCH_ROUTE",
                    "forced; verdicts " + (cached.verdicts().isEmpty() ? "never measured" : "cached in " + cacheFile));
        }
        NumericsReport report = forceCheck ? null : readCache(cacheFile).orElse(null);
        if (report == null) {
            report = checkUnderLock(signature, cacheFile, forceCheck);
        }
        ConvolutionRoute chosen = ConvolutionRoute.byId(report.route()).orElse(ConvolutionRoute.ATEN);
        RouteSetup.apply(chosen);
        return report;
    }

    private static NumericsReport checkUnderLock(CpuSignature signature, Path cacheFile, boolean forceCheck) {
        try {
            Files.createDirectories(cacheFile.getParent());
            Path lockFile = cacheFile.resolveSibling(cacheFile.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                // another process may have finished the check while this one waited for the lock
                Optional<NumericsReport> done = forceCheck ? Optional.empty() : readCache(cacheFile);
                if (done.isPresent()) {
                    return done.get();
                }
                NumericsReport report = checkAll(signature);
                write(report.withSource("cached in " + cacheFile), cacheFile);
                return report;
            }
        } catch (IOException e) {
            // an unwritable cache costs a check per start, nothing more
            return checkAll(signature).withSource("checked now (cache not written: " + e.getMessage() + ")");
        }
    }

    /** Checks every route (each in a child JVM) and picks the fastest that passed. */
    static NumericsReport checkAll(CpuSignature signature) {
        List<RouteVerdict> verdicts = new ArrayList<>();
        String childProblem = null;
        for (ConvolutionRoute route : ConvolutionRoute.values()) {
            if (childProblem != null) {
                verdicts.add(new RouteVerdict(route.id(), RouteVerdict.Outcome.UNAVAILABLE, -1, "", -1,
                        "not checked: " + childProblem));
                continue;
            }
            try {
                verdicts.add(ChildRouteCheck.check(route));
            } catch (IOException e) {
                childProblem = "no child JVM could be started (" + e.getMessage() + ")";
                verdicts.add(new RouteVerdict(route.id(), RouteVerdict.Outcome.UNAVAILABLE, -1, "", -1, childProblem));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while checking convolution routes", e);
            }
        }
        Optional<RouteVerdict> fastest = verdicts.stream().filter(RouteVerdict::passed)
                .min(Comparator.comparingDouble(RouteVerdict::stepMillis));
        String route;
        String reason;
        if (fastest.isPresent()) {
            route = fastest.get().route();
            reason = "the fastest of the routes that passed the check ("
                    + String.format("%.0f ms per step", fastest.get().stepMillis()) + ")";
        } else if (childProblem != null) {
            // ATen never enters oneDNN, so it cannot take this process down: check it here
            RouteVerdict inProcess = RouteProbe.probe(ConvolutionRoute.ATEN);
            verdicts.set(ConvolutionRoute.ATEN.ordinal(), inProcess);
            route = ConvolutionRoute.ATEN.id();
            reason = (inProcess.passed() ? "checked in this process (the only route that can be checked here)"
                    : "NO route passed; ATen is the least risky");
        } else {
            route = ConvolutionRoute.ATEN.id();
            reason = "NO route passed the check; ATen (oneDNN off) is the least risky";
        }
        return new NumericsReport(signature, verdicts, route, reason, Instant.now().toString(), "checked now");
    }

    private static Optional<NumericsReport> readCache(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            NumericsReport report = JSON.readValue(file.toFile(), NumericsReport.class);
            boolean complete = report.verdicts().size() == ConvolutionRoute.values().length
                    && ConvolutionRoute.byId(report.route()).isPresent();
            return complete ? Optional.of(report.withSource("cached in " + file)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: check again and overwrite it
        }
    }

    private static void write(NumericsReport report, Path file) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), report);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The verdict cache folder. */
    public static Path cacheFolder() {
        String configured = System.getProperty(CACHE_PROPERTY, System.getenv("ADAPTSEG_NUMERICS_CACHE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("adaptseg").resolve("numerics");
    }

    private static String forcedRoute() {
        String value = System.getProperty(ROUTE_PROPERTY, System.getenv("ADAPTSEG_TORCH_ROUTE"));
        return value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String pytorchVersion() {
        // reading the version loads libtorch but runs no oneDNN kernel, so an ISA limit set later still counts
        return Engine.getEngine("PyTorch").getVersion();
    }
}
