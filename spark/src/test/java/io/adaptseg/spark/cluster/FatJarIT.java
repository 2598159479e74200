package io.adaptseg.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What {@code target/adaptseg-spark.jar} may carry onto a Spark 4.2 distribution's class path: none
 * of the packages the distribution's {@code jars/} also holds (Spark, Scala, Jackson, SnakeYAML,
 * Commons CLI, protobuf, slf4j, log4j, Netty) under their own names; ours are relocated under
 * {@code io.adaptseg.shaded}, and they still work (the cluster tests run the jar).
 */
class FatJarIT {
    private static final List<String> CLUSTER_PACKAGES = List.of("org/apache/spark/", "scala/", "com/fasterxml/",
            "org/yaml/", "org/apache/commons/cli/", "com/google/protobuf/", "org/slf4j/", "org/apache/logging/", "io/netty/");

    @Test
    void carriesNothingASparkDistributionShipsUnderItsOwnName() throws IOException {
        Path jar = Path.of(System.getProperty("adaptseg.spark.jar", "target/adaptseg-spark.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> clashes = file.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class"))
                    .filter(n -> CLUSTER_PACKAGES.stream().anyMatch(n::startsWith)).limit(5).toList();
            assertEquals(List.of(), clashes);
            assertTrue(file.getEntry("io/adaptseg/shaded/jackson/databind/ObjectMapper.class") != null, "Jackson relocated");
            assertTrue(file.getEntry("io/adaptseg/shaded/commons/cli/CommandLine.class") != null, "Commons CLI relocated");
            assertTrue(file.getEntry("ai/onnxruntime/OrtSession.class") != null, "ONNX Runtime inside");
            assertEquals("io.adaptseg.spark.cli.SparkMain", file.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }
}
