package io.adaptseg.train.device;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the libtorch this process loaded can compute on: its version and flavour ({@code cpu} or
 * {@code cuXXX}), the folder it was loaded from, the CUDA devices it sees, and the CUDA runtime and
 * cuDNN versions. {@code adaptseg doctor} prints it; {@link DeviceAvailability} judges a requested device by it.
 *
 * @param pytorch libtorch's version, e.g. 2.7.1
 * @param flavour {@code cpu}, {@code cu128}, ... (how it was found is in {@code flavourSource})
 * @param flavourSource where the flavour was read: the DJL cache folder's name, PYTORCH_FLAVOR, or the libraries present
 * @param library the folder libtorch was loaded from
 * @param cudaBuild whether libtorch reports CUDA support (DJL's engine capability "CUDA")
 * @param gpus the CUDA devices DJL sees (empty on a CPU build or without a driver)
 * @param cudaRuntime the CUDA runtime version ("12.8"), or "none"
 * @param cudnn the cuDNN version ("9.1.0"), or "none"
 */
public record TorchBuild(String pytorch, String flavour, String flavourSource, String library, boolean cudaBuild,
        List<Gpu> gpus, String cudaRuntime, String cudnn) {
    /** DJL's cache folders are named {@code <version>[-<build>]-<flavour>-<os>-<arch>}. */
    private static final Pattern CACHE_FOLDER = Pattern.compile(".*-(cpu|cu[0-9]+)(-precxx11)?-(linux|osx|win)-[a-z0-9_]+");
    /** The name DJL's PyTorch engine registers under. */
    static final String ENGINE = "PyTorch";

    public TorchBuild {
        Objects.requireNonNull(pytorch, "pytorch");
        Objects.requireNonNull(flavour, "flavour");
        gpus = List.copyOf(gpus);
    }

    /**
     * One CUDA device as DJL sees it.
     *
     * @param index the CUDA index ({@code gpu:N})
     * @param computeCapability e.g. "90" for sm_90
     * @param memoryBytes total memory, -1 when unknown
     */
    public record Gpu(int index, String computeCapability, long memoryBytes) {
        /** e.g. "gpu:0 (compute capability 9.0, 79.1 GiB)". */
        public String describe() {
            String cc = computeCapability.length() >= 2
                    ? computeCapability.substring(0, computeCapability.length() - 1) + "."
                            + computeCapability.substring(computeCapability.length() - 1)
                    : computeCapability;
            return String.format(Locale.ROOT, "gpu:%d (compute capability %s%s)", index, cc,
                    memoryBytes < 0 ? "" : String.format(Locale.ROOT, ", %.1f GiB", memoryBytes / (double) (1L << 30)));
        }
    }

    /** The libtorch of this process (starts DJL's PyTorch engine if it is not running). */
    public static TorchBuild ofThisProcess() {
        Engine engine = Engine.getEngine(ENGINE);
        String library = LibUtils.getLibtorchPath();
        boolean cuda = engine.hasCapability("CUDA");
        String[] flavour = flavour(Path.of(library), System.getenv("PYTORCH_LIBRARY_PATH"), System.getenv("PYTORCH_FLAVOR"));
        List<Gpu> gpus = new ArrayList<>();
        int count = cuda ? engine.getGpuCount() : 0;
        for (int i = 0; i < count; i++) {
            long memory;
            try {
                memory = CudaUtils.getGpuMemory(Device.gpu(i)).getMax();
            } catch (RuntimeException e) {
                memory = -1;
            }
            String cc;
            try {
                cc = CudaUtils.getComputeCapability(i);
            } catch (RuntimeException e) {
                cc = "?";
            }
            gpus.add(new Gpu(i, cc, memory));
        }
        String runtime = cuda ? readCudaRuntime() : "none";
        String cudnn = engine.hasCapability("CUDNN") ? readCudnnVersion() : "none";
        return new TorchBuild(engine.getVersion(), flavour[0], flavour[1], library, cuda, gpus, runtime, cudnn);
    }

    /**
     * The flavour of the libtorch in {@code library} and where it was read: DJL's cache folder name
     * ({@code 2.7.1-20250812-cpu-linux-x86_64}), else PYTORCH_FLAVOR when PYTORCH_LIBRARY_PATH pointed DJL
     * at a libtorch of the user's, else "cuda" or "cpu" by whether {@code libtorch_cuda.so} is there.
     */
    static String[] flavour(Path library, String libraryPathVariable, String flavourVariable) {
        Path name = library.getFileName();
        Matcher m = CACHE_FOLDER.matcher(name == null ? "" : name.toString());
        if (m.matches()) {
            return new String[] {m.group(1), "DJL cache folder name"};
        }
        if (libraryPathVariable != null && !libraryPathVariable.isBlank() && flavourVariable != null
                && !flavourVariable.isBlank()) {
            return new String[] {flavourVariable.replace("-precxx11", ""), "PYTORCH_FLAVOR"};
        }
        boolean cudaLibrary = Files.exists(library.resolve("libtorch_cuda.so"))
                || Files.exists(library.resolve("torch_cuda.dll"));
        return new String[] {cudaLibrary ? "cuda" : "cpu", (cudaLibrary ? "libtorch_cuda present" : "no libtorch_cuda")
                + " in the folder (set PYTORCH_FLAVOR to name it)"};
    }

    /** CUDA's integer version (12080) as "12.8". */
    static String cudaVersionText(int version) {
        return (version / 1000) + "." + (version % 1000) / 10;
    }

    /** cuDNN's integer version: 90100 → "9.1.0" (cuDNN 9's MAJOR*10000), 8907 → "8.9.7" (cuDNN 8's MAJOR*1000). */
    static String cudnnVersionText(long version) {
        if (version >= 90000) {
            return (version / 10000) + "." + (version % 10000) / 100 + "." + version % 100;
        }
        return (version / 1000) + "." + (version % 1000) / 100 + "." + version % 100;
    }

    private static String readCudaRuntime() {
        try {
            return cudaVersionText(CudaUtils.getCudaVersion());
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** cuDNN's own {@code cudnnGetVersion()}, from the libcudnn libtorch mapped into this process. */
    private static String readCudnnVersion() {
        Optional<Path> mapped = mappedLibrary("libcudnn.so");
        if (mapped.isEmpty()) {
            return "available (version unknown: no libcudnn.so mapped in this process)";
        }
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(mapped.get(), Arena.global());
            MethodHandle get = Linker.nativeLinker().downcallHandle(lookup.find("cudnnGetVersion").orElseThrow(
                    () -> new IllegalStateException(mapped.get() + " exports no cudnnGetVersion")),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG));
            return cudnnVersionText((long) get.invokeExact());
        } catch (Throwable t) {
            return "available (version unknown: " + t.getMessage() + ")";
        }
    }

    /** The first library mapped into this process whose file name starts with {@code prefix} (Linux). */
    static Optional<Path> mappedLibrary(String prefix) {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(maps)) {
            return lines.filter(l -> l.indexOf('/') >= 0).map(l -> Path.of(l.substring(l.indexOf('/'))))
                    .filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(prefix))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The device indices as the config writes them, e.g. "gpu:0, gpu:1"; "none" when there is none. */
    public String gpuList() {
        return gpus.isEmpty() ? "none" : String.join(", ", gpus.stream().map(g -> "gpu:" + g.index()).toList());
    }

    /** The lines {@code adaptseg doctor} prints. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("libtorch: " + pytorch + ", flavour " + flavour + " (from the " + flavourSource + "), loaded from " + library);
        out.add("cuda devices: " + gpus.size() + (gpus.isEmpty() ? (cudaBuild
                ? " (a CUDA libtorch, but no device: no NVIDIA driver, or CUDA_VISIBLE_DEVICES hides them)"
                : " (a CPU libtorch: training runs on the CPU; docs/deployment.md#training-on-a-gpu)")
                : ": " + String.join(", ", gpus.stream().map(Gpu::describe).toList())));
        out.add("cuda runtime: " + cudaRuntime + "; cudnn: " + cudnn);
        return out;
    }
}
