package io.adaptseg.runtime.nativeort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.runtime.backend.BackendOptions;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed open of the native backend leaves no profile folder and keeps what went wrong as its cause. */
class NativeProfileFolderTest {
    @TempDir
    Path dir;

    private static Set<Path> profileFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("adaptseg-placement-")).collect(Collectors.toSet());
        }
    }

    @Test
    void aFailedOpenLeavesNoFolderAndKeepsItsCause() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        Set<Path> before = profileFolders();
        BackendOptions strict = BackendOptions.cpu().withProviders(ExecutionProviders.parse("cann:device_id=0",
                FallbackPolicy.FAIL));
        AdaptsegException unavailable = assertThrows(AdaptsegException.class, () -> OrtNativeBackend.open(model, strict,
                (api, so, spec) -> {
                    throw new ProviderUnavailableException("no device here");
                }));
        assertTrue(unavailable.getMessage().startsWith(model + ": "), unavailable.getMessage());
        assertTrue(unavailable.getCause() instanceof AdaptsegException
                && unavailable.getCause().getMessage().contains("no device here"), String.valueOf(unavailable.getCause()));
        IllegalStateException bug = new IllegalStateException("appender bug");
        AdaptsegException runtime = assertThrows(AdaptsegException.class, () -> OrtNativeBackend.open(model, strict,
                (api, so, spec) -> {
                    throw bug;
                }));
        assertTrue(runtime.getMessage().startsWith(model + ": ") && runtime.getMessage().contains("appender bug"),
                runtime.getMessage());
        assertSame(bug, runtime.getCause());
        assertEquals(before, profileFolders());
    }
}
