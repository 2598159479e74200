package io.adaptseg.runtime.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.adaptseg.core.AdaptsegException;
import io.adaptseg.runtime.TestModels;
import io.adaptseg.runtime.provider.ExecutionProviders;
import io.adaptseg.runtime.provider.FallbackPolicy;
import io.adaptseg.runtime.provider.ProviderKind;
import io.adaptseg.runtime.provider.ProviderOutcome;
import io.adaptseg.runtime.provider.ProviderUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session's profile folder (in java.io.tmpdir, the test's own folder under Surefire) is gone after
 * a close whose release throws and after an open that fails, and a failed open keeps what went wrong
 * as its cause.
 */
class ProfileFolderTest {
    @TempDir
    Path dir;

    /** The profile folders in the temporary folder now. */
    static Set<Path> profileFolders() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("adaptseg-placement-")).collect(Collectors.toSet());
        }
    }

    /** A backend whose native release fails, as {@link OrtJavaBackend#release} does when ORT cannot close its session. */
    private static final class FailingRelease extends SessionBackend {
        FailingRelease(Path profiles) {
            super(BackendKind.JAVA, new ProviderOutcome(ProviderKind.CPU, List.of()), List.of(), List.of(), Map.of(),
                    profiles, 1);
        }

        @Override
        protected Path endProfiling() {
            throw new IllegalStateException("not profiled");
        }

        @Override
        protected Map<String, Tensor> runOpen(String input, float[] data, long[] shape, List<String> outputNames) {
            throw new IllegalStateException("not run");
        }

        @Override
        protected void release() {
            throw new IllegalStateException("closing the ORT session failed: test");
        }
    }

    @Test
    void aReleaseThatThrowsStillDeletesTheProfileFolder() throws Exception {
        Path profiles = SessionBackend.newProfileDir();
        Files.writeString(profiles.resolve("placement_1.json"), "[]");
        SessionBackend backend = new FailingRelease(profiles);
        IllegalStateException e = assertThrows(IllegalStateException.class, backend::close);
        assertTrue(e.getMessage().contains("closing the ORT session failed"), e.getMessage());
        assertFalse(Files.exists(profiles), profiles + " left behind");
    }

    @Test
    void aFailedJavaOpenLeavesNoFolderAndKeepsItsCause() throws Exception {
        Path model = TestModels.cityscapes(dir.resolve("m.onnx"), 3);
        Set<Path> before = profileFolders();
        ExecutionProviders p = ExecutionProviders.parse("cuda:0", FallbackPolicy.FAIL);
        AdaptsegException fails = assertThrows(AdaptsegException.class, () -> OrtJavaBackend.open(model,
                BackendOptions.cpu().withProviders(p), (so, spec) -> {
                    throw new ProviderUnavailableException("no device here");
                }));
        assertTrue(fails.getMessage().startsWith(model + ": "), fails.getMessage());
        // the gate's own error, not only what it wrapped: its message and kind survive as the cause
        assertTrue(fails.getCause() instanceof AdaptsegException, String.valueOf(fails.getCause()));
        assertTrue(fails.getCause().getMessage().contains("no device here"), fails.getCause().getMessage());
        IllegalStateException bug = new IllegalStateException("appender bug");
        AdaptsegException runtime = assertThrows(AdaptsegException.class, () -> OrtJavaBackend.open(model,
                BackendOptions.cpu().withProviders(ExecutionProviders.parse("cuda:0", FallbackPolicy.FAIL)),
                (so, spec) -> {
                    throw bug;
                }));
        assertSame(bug, runtime.getCause());
        assertEquals(before, profileFolders());
    }
}
