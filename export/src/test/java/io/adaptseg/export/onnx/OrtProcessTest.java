package io.adaptseg.export.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import io.adaptseg.runtime.backend.OrtEnvironmentStarter;
import io.adaptseg.runtime.backend.OrtProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ONNX Runtime start-up order is kept by {@link OrtProcess}, not by callers. */
class OrtProcessTest {
    @Test
    void theDjlEngineStarterIsRegisteredAndBothPathsWorkInOneJvm() {
        List<String> starters = ServiceLoader.load(OrtEnvironmentStarter.class).stream()
                .map(p -> p.type().getName()).toList();
        assertEquals(List.of(DjlOrtEngineStarter.class.getName()), starters);
        assertSame(OrtProcess.environment(), OrtProcess.environment());
        // fails with "Tried to specify the thread pool ..." when a plain environment came first
        assertEquals("OnnxRuntime", Engine.getEngine("OnnxRuntime").getEngineName());
    }

    @Test
    void noProductionCodeCreatesAnEnvironmentAroundOrtProcess() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> bypassing = files
                    .filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
                    .filter(p -> !p.getFileName().toString().equals("OrtProcess.java"))
                    .filter(p -> read(p).contains("OrtEnvironment.getEnvironment("))
                    .toList();
            assertTrue(bypassing.isEmpty(), "use OrtProcess.environment() instead in " + bypassing);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(p + ": " + e.getMessage(), e);
        }
    }
}
