package io.adaptseg.runtime.nativeort;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.adaptseg.core.AdaptsegException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and loads libonnxruntime for the native backend: a file the user names ({@code --ort-library})
 * or the one inside the ONNX Runtime jar. Each library is loaded once per process and keeps its one
 * {@code OrtEnv} until the JVM exits (ORT allows one environment per process).
 */
public final class OrtLibraries {
    /** The system property of ai.onnxruntime that names a folder holding the jar's native libraries. */
    static final String ORT_NATIVE_PATH = "onnxruntime.native.path";

    /** Where the ORT jar keeps its native library. */
    static final String JAR_RESOURCE_DIR = "ai/onnxruntime/native/";
    private static final Map<Path, OrtApi> LOADED = new HashMap<>();
    /** The jar's library once loaded, so later sessions reuse it even after the Java backend maps its own copy. */
    private static Path bundled;

    private OrtLibraries() {
    }

    /**
     * The API of {@code library}, or of the jar's library when empty.
     *
     * @throws AdaptsegException naming the file when it does not exist, cannot be loaded, is not
     *     ONNX Runtime or is older than C API version 29
     */
    static synchronized OrtApi load(Optional<Path> library) throws AdaptsegException {
        if (library.isEmpty() && bundled == null) {
            bundled = bundledLibrary();
        }
        Path path = library.isPresent() ? library.get().toAbsolutePath().normalize() : bundled;
        OrtApi api = LOADED.get(path);
        if (api == null) {
            api = open(path);
            LOADED.put(path, api);
        }
        return api;
    }

    /** Version, build info and providers of a library, for {@code adaptseg info}. */
    public static LibraryInfo describe(Optional<Path> library) throws AdaptsegException {
        OrtApi api = load(library);
        return new LibraryInfo(api.library(), api.version(), api.buildInfo(), api.availableProviders());
    }

    /** What a loaded library says about itself. */
    public record LibraryInfo(Path path, String version, String buildInfo, java.util.List<String> providers) {
    }

    private static OrtApi open(Path path) throws AdaptsegException {
        if (!Files.isRegularFile(path)) {
            throw new AdaptsegException(path + ": ONNX Runtime library not found (--ort-library)");
        }
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(path, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new AdaptsegException(path + ": cannot be loaded as a shared library (" + e.getMessage()
                    + "); --ort-library needs a libonnxruntime.so", e);
        }
        MemorySegment getApiBase = lookup.find("OrtGetApiBase").orElseThrow(() -> new AdaptsegException(
                path + ": not an ONNX Runtime library (no OrtGetApiBase symbol); --ort-library needs a libonnxruntime.so"));
        Linker linker = Linker.nativeLinker();
        try {
            MethodHandle baseHandle = linker.downcallHandle(getApiBase, FunctionDescriptor.of(ADDRESS));
            // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }
            MemorySegment base = ((MemorySegment) baseHandle.invokeExact()).reinterpret(2 * ADDRESS.byteSize());
            MethodHandle getApi = linker.downcallHandle(base.getAtIndex(ADDRESS, 0), FunctionDescriptor.of(ADDRESS, JAVA_INT));
            MethodHandle getVersion = linker.downcallHandle(base.getAtIndex(ADDRESS, 1), FunctionDescriptor.of(ADDRESS));
            String version = OrtApi.cString((MemorySegment) getVersion.invokeExact());
            MemorySegment table = (MemorySegment) getApi.invokeExact(OrtApi.API_VERSION);
            if (table.equals(MemorySegment.NULL)) {
                throw new AdaptsegException(path + ": ONNX Runtime " + version + " does not offer C API version "
                        + OrtApi.API_VERSION + "; adaptseg needs ONNX Runtime 1.29 or newer");
            }
            return new OrtApi(path, version, table);
        } catch (AdaptsegException e) {
            throw e;
        } catch (Throwable t) {
            throw new AdaptsegException(path + ": initialising the ONNX Runtime C API failed: " + t, t);
        }
    }

    /**
     * The libonnxruntime of the ORT jar on the class path, extracted once per version and user into
     * {@code java.io.tmpdir}. If the Java backend already loaded the jar's copy, that file is reused
     * so the process holds one ONNX Runtime rather than two.
     */
    private static Path bundledLibrary() throws AdaptsegException {
        Optional<Path> mapped = mappedByJavaBackend();
        if (mapped.isPresent()) {
            return mapped.get();
        }
        Optional<Path> unpacked = unpackedByLauncher();
        if (unpacked.isPresent()) {
            return unpacked.get();
        }
        String resource = JAR_RESOURCE_DIR + platform() + "/" + System.mapLibraryName("onnxruntime");
        String version = Optional.ofNullable(ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion())
                .orElse("unknown");
        Path dir = Path.of(System.getProperty("java.io.tmpdir"),
                "adaptseg-ort-" + version + "-" + System.getProperty("user.name", "user"));
        Path target = dir.resolve(System.mapLibraryName("onnxruntime"));
        try (InputStream in = OrtLibraries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AdaptsegException("the ONNX Runtime jar on the class path has no " + resource
                        + "; pass --ort-library /path/to/libonnxruntime.so");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                return target;
            }
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "libonnxruntime", ".part");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new AdaptsegException("cannot extract " + resource + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The jar's library in the folder named by ONNX Runtime's own {@code onnxruntime.native.path}, where
     * {@code ./adaptseg} unpacks the GPU jar once (its CUDA provider is 583 MB): the provider libraries lie
     * beside it there, which ONNX Runtime looks for next to libonnxruntime.
     */
    private static Optional<Path> unpackedByLauncher() {
        String dir = System.getProperty(ORT_NATIVE_PATH);
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        Path library = Path.of(dir).resolve(System.mapLibraryName("onnxruntime"));
        return Files.isRegularFile(library) ? Optional.of(library) : Optional.empty();
    }

    private static Optional<Path> mappedByJavaBackend() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        String name = "/" + System.mapLibraryName("onnxruntime");
        try (var lines = Files.lines(maps)) {
            return lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.endsWith(name) && p.contains("onnxruntime-java"))
                    .findFirst().map(Path::of);
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") ? "osx" : os.contains("win") ? "win" : "linux";
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64" : arch.equals("aarch64") ? "aarch64" : arch;
        return o + "-" + a;
    }
}
