package io.adaptseg.runtime.provider;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider library that ONNX Runtime could not load because a library it links against is not on the
 * library path, read from ONNX Runtime's message. The GPU ONNX Runtime jar on a machine without CUDA 12 says
 * {@code Failed to load library /tmp/onnxruntime-java…/libonnxruntime_providers_cuda.so with error:
 * libcublasLt.so.12: cannot open shared object file: No such file or directory}, after a source location, a
 * C++ signature and a line break. The loader names only the first missing library it meets, so that is the
 * one a user installs (or adds to LD_LIBRARY_PATH) next.
 *
 * @param library the file ONNX Runtime tried to load, without its folder (a temporary one for the Java jar)
 * @param missing the soname the dynamic loader did not find, e.g. {@code libcudnn.so.9}
 */
public record MissingLibrary(String library, String missing) {
    private static final Pattern DLOPEN_FAILURE = Pattern.compile(
            "Failed to load library (\\S+?) with error: (\\S+?): cannot open shared object file");

    public MissingLibrary {
        if (library.isBlank() || missing.isBlank()) {
            throw new IllegalArgumentException("library and missing library must be named, found '" + library
                    + "' and '" + missing + "'");
        }
    }

    /** The missing library that {@code message} reports, if it reports one. */
    public static Optional<MissingLibrary> find(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = DLOPEN_FAILURE.matcher(message);
        if (!m.find()) {
            return Optional.empty();
        }
        String library = m.group(1);
        return Optional.of(new MissingLibrary(library.substring(library.lastIndexOf('/') + 1),
                m.group(2).substring(m.group(2).lastIndexOf('/') + 1)));
    }

    /**
     * ONNX Runtime's reason for a provider failure as one line: the missing library when the message names
     * one, otherwise the message with its line breaks and runs of spaces collapsed.
     */
    public static String describeFailure(String message) {
        return find(message).map(MissingLibrary::sentence)
                .orElseGet(() -> message == null ? "" : message.replaceAll("\\s+", " ").trim());
    }

    /** e.g. {@code cannot load libonnxruntime_providers_cuda.so: libcublasLt.so.12 is not on the library path}. */
    public String sentence() {
        if (missing.equals(library)) {
            return "cannot load " + library + ": the file is not there";
        }
        return "cannot load " + library + ": " + missing + " is not on the library path (the first missing library"
                + " the loader met)";
    }
}
