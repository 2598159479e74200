package io.adaptseg.export.device;

import io.adaptseg.runtime.backend.BackendKind;
import io.adaptseg.runtime.provider.ProviderKind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a provider did not open, in one line: ONNX Runtime's sentence as the session reported it, without
 * the general installation advice appended to it (docs/deployment.md has that) and without what the
 * check's line already says (the spec, the backend, the library), plus the shared library at fault when
 * ONNX Runtime's words name or imply one.
 */
public final class UnavailableReason {
    /** The dynamic loader's words for a library it cannot find. */
    private static final Pattern CANNOT_OPEN = Pattern.compile("(lib[\\w+.-]*?\\.so(?:\\.\\d+)*): cannot open shared object file");
    private static final Pattern FAILED_TO_LOAD = Pattern.compile("Failed to load library (\\S*?lib[\\w+.-]*?\\.so(?:\\.\\d+)*)");
    /** The ai.onnxruntime jar's words when its native folder has no provider library. */
    private static final Pattern SHARED_PROVIDER = Pattern.compile("Failed to find (\\w+) shared provider");

    private UnavailableReason() {
    }

    /**
     * @param problem what {@link io.adaptseg.runtime.provider.ExecutionProviders#open} recorded
     */
    public static String of(String problem, ProviderKind kind, BackendKind backend) {
        String text = problem.replace('\n', ' ').trim();
        int advice = text.indexOf("; " + kind.requirement());
        if (!kind.requirement().isEmpty() && advice >= 0) {
            text = text.substring(0, advice);
        }
        int retry = text.indexOf("; retrying without");
        if (retry >= 0) {
            text = text.substring(0, retry);
        }
        text = text.replaceFirst("^execution provider .*? is not available on the \\w+ backend: ", "")
                .replaceFirst("^ONNX Runtime appended .*? backend but could not create the session: ",
                        "the session could not be created: ")
                .replaceFirst(" \\(library [^)]*\\)$", "")
                .replaceFirst("Error code - (\\w+) - message: ", "$1 ");
        String missing = missingLibrary(text);
        if (!missing.isEmpty()) {
            text += " (missing library: " + missing + ")";
        }
        if (kind == ProviderKind.CANN && backend == BackendKind.JAVA) {
            text += "; CANN needs --backend native --ort-library FILE";
        }
        return text;
    }

    /** The library a loader message names or implies, or "" when it names none. */
    static String missingLibrary(String message) {
        Matcher cannotOpen = CANNOT_OPEN.matcher(message);
        if (cannotOpen.find()) {
            return cannotOpen.group(1);
        }
        Matcher failedToLoad = FAILED_TO_LOAD.matcher(message);
        if (failedToLoad.find()) {
            return failedToLoad.group(1);
        }
        Matcher shared = SHARED_PROVIDER.matcher(message);
        if (shared.find()) {
            return "libonnxruntime_providers_" + shared.group(1).toLowerCase(Locale.ROOT)
                    + ".so, which this ONNX Runtime jar does not contain: a CPU-only build";
        }
        return "";
    }
}
