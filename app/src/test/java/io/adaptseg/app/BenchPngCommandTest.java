package io.adaptseg.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPngCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main(List.of(new BenchPngCommand()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args);
    }

    @Test
    void printsOneRowPerImageKindAndCodec() {
        assertEquals(0, run("bench", "png", "--size", "64x32", "--iterations", "1"));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("decode ms"), table);
        for (String kind : List.of("labels 8-bit", "labels 16-bit", "RGB 8-bit")) {
            assertTrue(table.lines().anyMatch(l -> l.startsWith(kind) && l.contains("adaptseg")), kind + "\n" + table);
            assertTrue(table.lines().anyMatch(l -> l.startsWith(kind) && l.contains("ImageIO")), kind + "\n" + table);
        }
    }

    @Test
    void badSizeIsAUsageError() {
        assertEquals(2, run("bench", "png", "--size", "big"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--size: must be WIDTHxHEIGHT such as 2048x1024, found 'big'"), err.toString(StandardCharsets.UTF_8));
    }
}
